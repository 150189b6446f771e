#include "ui/planner-bench.h"

#include "twin/generator.h"
#include "twin/twin-files.h"

#include <exception>
#include <filesystem>

namespace netdrill::ui {

PlannerBench::~PlannerBench() { Wait(); }

void PlannerBench::Wait() {
  if (m_worker.joinable()) m_worker.join();
}

void PlannerBench::Start(const std::string& base, const std::string& editFile) {
  if (Busy()) return;
  Wait();
  m_busy = true;
  m_progress = 0.0f;
  m_worker = std::thread([this, base, editFile] { Run(base, editFile); });
}

void PlannerBench::Run(std::string baseArg, std::string editFile) {
  // The worker has no one to throw to (an exception here ends the program):
  // whatever escapes the readers or the sweep becomes the outcome's error.
  auto out = std::make_unique<Outcome>();
  try {
    twin::Diagnostics diags;
    std::optional<twin::Twin> base;
    if (std::filesystem::exists(baseArg)) base = twin::LoadTopology(baseArg, diags);
    else base = twin::Generate(baseArg, 1, twin::GeneratorParams{}, m_assetsDir, diags);
    std::optional<whatif::EditFile> edits;
    if (base) edits = whatif::LoadEdits(editFile, diags);
    std::optional<twin::Twin> fork;
    if (edits) fork = whatif::ApplyEdits(*base, *edits, diags, &out->edits);
    if (!fork) {
      for (const auto& d : diags.Items())
        if (d.severity == twin::Severity::Error) {
          out->error = d.file + (d.loc.line > 0 ? ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) : "") +
                       ": " + d.message;
          break;
        }
      if (out->error.empty()) out->error = "cannot make the fork";
    } else {
      if (base->name.empty()) base->name = baseArg;
      fork->name = base->name + " (fork)";
      out->base = std::make_unique<twin::Twin>(std::move(*base));
      out->fork = std::make_unique<twin::Twin>(std::move(*fork));
      whatif::SweepOptions o;
      o.progress = [this](std::size_t done, std::size_t total) {
        m_progress = 0.5f * static_cast<float>(done) / static_cast<float>(std::max<std::size_t>(total, 1));
      };
      out->before = whatif::RunSweep(*out->base, o);
      o.progress = [this](std::size_t done, std::size_t total) {
        m_progress = 0.5f + 0.5f * static_cast<float>(done) / static_cast<float>(std::max<std::size_t>(total, 1));
      };
      out->after = whatif::RunSweep(*out->fork, o);
      out->diff = whatif::Compare(out->before, out->after);
    }
  } catch (const std::exception& e) {
    *out = Outcome{};  // no half-made results beside the error
    out->error = std::string("cannot make the fork: ") + e.what();
  } catch (...) {
    *out = Outcome{};
    out->error = "cannot make the fork: an unexpected error";
  }
  m_outcome = std::move(out);
  m_progress = 1.0f;
  m_busy = false;
}

}  // namespace netdrill::ui
