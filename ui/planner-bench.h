// The what-if bench in the console (the planner's role): a base twin and an
// edit file, applied and swept on a worker thread (the frame loop never
// waits; a progress bar shows the sweep), then base and fork side by side.
// No ns-3: the what-if logic is plain twin code.
#pragma once

#include "twin/model.h"
#include "whatif/diff.h"
#include "whatif/edits.h"
#include "whatif/sweep.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace netdrill::ui {

class PlannerBench {
public:
  explicit PlannerBench(std::string assetsDir) : m_assetsDir(std::move(assetsDir)) {}
  ~PlannerBench();
  PlannerBench(const PlannerBench&) = delete;
  PlannerBench& operator=(const PlannerBench&) = delete;

  /// @brief Starts applying the edits and sweeping base and fork, on a worker thread.
  void Start(const std::string& base, const std::string& editFile);
  bool Busy() const { return m_busy.load(); }
  /// @brief Waits for the worker (tests, and before the bench goes).
  void Wait();
  /// @brief 0..1 over both sweeps.
  float Progress() const { return m_progress.load(); }

  /// @brief The outcome, once not busy: the twins, sweeps and their comparison (or an error).
  struct Outcome {
    std::unique_ptr<twin::Twin> base, fork;
    whatif::SweepResult before, after;
    whatif::SweepDiff diff;
    whatif::EditSummary edits;
    std::string error;
  };
  /// @brief Valid while not busy (null before the first run).
  const Outcome* Result() const { return Busy() ? nullptr : m_outcome.get(); }

private:
  void Run(std::string base, std::string editFile);
  std::string m_assetsDir;
  std::thread m_worker;
  std::atomic<bool> m_busy{false};
  std::atomic<float> m_progress{0.0f};
  std::unique_ptr<Outcome> m_outcome;
};

}  // namespace netdrill::ui
