#include "app/class-cli.h"

#include "server/worker.h"
#include "twin/units.h"

#include "app/cli-options.h"

#include <CLI/CLI.hpp>

#include <cstdlib>

namespace netdrill::app {

namespace {

void AddConnectOptions(CLI::App& cmd, server::ConnectArgs& c) {
  cmd.add_option("server", c.address, "The class server, HOST:PORT")->required();
  cmd.add_option("--server-cert", c.serverCert,
                 "The server's certificate to trust (else the one saved at first use, said on screen)");
  cmd.add_flag("--insecure", c.insecure, "Plaintext, to a server started with --insecure (loopback only)");
}

}  // namespace

void AddClassCommands(CLI::App& app, ClassOptions& o, std::function<int()>& action, std::ostream& out, std::ostream& err) {
  server::ServeOptions& s = o.serve;
  CLI::App* serve = app.add_subcommand("serve", "The class server: hosts the drills of a class, its trainees and instructor");
  serve->add_option("--listen", s.listen, "HOST:PORT to listen on (port 0 picks a free one)")->capture_default_str();
  serve->add_option("--library", s.library, "The drill library (a folder of drills; default: the one installed beside netdrill)");
  serve->add_option("--data", s.dataDir, "The server's folder: certificate, journals, records (default ~/.local/share/netdrill/server)");
  serve->add_option("--db", s.db, "The records database (default DATA/records.sqlite)");
  serve->add_option("--tls-cert", s.tlsCert, "A certificate of your own (PEM; default: a self-signed one made at first start)");
  serve->add_option("--tls-key", s.tlsKey, "Its private key (PEM)");
  serve->add_flag("--insecure", s.insecure, "Plaintext, on loopback only");
  serve->add_flag("--allow-scripted", s.allowScripted,
                  "Take scripted trainees (class join --actions) whose commands name the drill's {picks}: tests and benches");
  serve->callback([&s, &action, &out, &err] {
    action = [&s, &out, &err] {
      if (const char* p = std::getenv("NETDRILL_INSTRUCTOR_PASSPHRASE")) s.passphrase = p;
      return server::ServeCommand(s, out, err);
    };
  });

  CLI::App* cls = app.add_subcommand("class", "A class on a server: join a drill, the instructor's status and injects");
  cls->require_subcommand(1);
  server::JoinArgs& j = o.join;
  CLI::App* join = cls->add_subcommand("join", "Play a drill through the server (a scripted trainee with --actions)");
  AddConnectOptions(*join, j.connect);
  join->add_option("--trainee", j.trainee, "Your name")->required();
  join->add_option("--drill", j.drill, "The drill's id (class drills lists them)")->required();
  join->add_option("--seed", j.seed, "The drill's seed")->check(SeedRange())->capture_default_str();
  join->add_option("--seat", j.seat, "A team drill's seat: noc-north, noc-central, noc-south, field")
      ->check(CLI::IsMember({"noc-north", "noc-central", "noc-south", "field"}));
  join->add_option("--team", j.team, "A team drill's team: every seat of one team gives the same name");
  join->add_option("--actions", j.actions, "A scripted trainee's actions (YAML, as drill run --actions)");
  join->add_option("--lang", j.lang, "vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  join->add_option("--assist", j.assist, "guided, standard or exam")->check(CLI::IsMember({"guided", "standard", "exam"}));
  join->add_flag("--json", j.json, "Print the result as drill run --json does");
  join->add_option("--wait-between", j.waitMs, "Wall milliseconds between scripted actions (a demonstration)");
  join->add_option("--wait-approval", j.waitApprovalS,
                   "A name in use: seconds to wait for the instructor's approval (default: 300 for a person, 0 with --actions)");
  join->add_option("--for", j.forS, "Without --actions: watch the paced drill this long, then print a summary (a load test)")
      ->transform([](std::string v) {
        const auto seconds = twin::ParseDurationSeconds(v);
        return seconds ? std::to_string(*seconds) : v;
      });
  join->callback([&j, &action, &out, &err] { action = [&j, &out, &err] { return server::ClassJoinCommand(j, out, err); }; });

  server::InstructorArgs& i = o.instructor;
  auto instructorOptions = [&i](CLI::App& cmd) {
    AddConnectOptions(cmd, i.connect);
    cmd.add_option("--passphrase", i.passphrase, "The instructor's passphrase (default $NETDRILL_INSTRUCTOR_PASSPHRASE)");
    cmd.add_option("--token", i.token, "A token instead of the passphrase");
  };
  CLI::App* status = cls->add_subcommand("status", "The instructor's live view: every trainee's drill, score, flags");
  instructorOptions(*status);
  status->add_flag("--json", i.json, "As JSON");
  status->callback([&i, &action, &out, &err] { action = [&i, &out, &err] { return server::ClassStatusCommand(i, out, err); }; });
  CLI::App* inject = cls->add_subcommand("inject", "Give a command, as the instructor, to one trainee's drill or all");
  instructorOptions(*inject);
  auto* to = inject->add_option("--trainee", i.trainee, "The trainee");
  auto* all = inject->add_flag("--all", i.all, "Every running drill");
  to->excludes(all);
  inject->add_option("command", i.command, "The command (a fault, a caller's message, speed, end, ...)")->required();
  inject->callback([&i, &action, &out, &err] {
    action = [&i, &out, &err] {
      if (i.trainee.empty() && !i.all) {
        err << "class inject: --trainee NAME or --all\n";
        return 2;
      }
      return server::ClassInjectCommand(i, out, err);
    };
  });
  CLI::App* approve = cls->add_subcommand("approve", "Let a name already in use join once more (or refuse it)");
  instructorOptions(*approve);
  approve->add_option("--trainee", i.trainee, "The name")->required();
  approve->add_flag("--refuse", i.refuse, "Refuse it instead");
  approve->callback([&i, &action, &out, &err] { action = [&i, &out, &err] { return server::ClassApproveCommand(i, out, err); }; });
  CLI::App* exported = cls->add_subcommand("export", "The class's results as CSV, from the server's records");
  instructorOptions(*exported);
  exported->add_option("--trainee", i.trainee, "One trainee's");
  exported->add_option("--drill", i.drill, "One drill's");
  exported->add_option("-o,--output", o.exportFile, "Write to this file (default: standard output)");
  exported->callback([&i, &o, &action, &out, &err] {
    action = [&i, &o, &out, &err] { return server::ClassExportCommand(i, o.exportFile, out, err); };
  });
  CLI::App* drills = cls->add_subcommand("drills", "The drills in the server's library");
  AddConnectOptions(*drills, o.drills);
  drills->callback([&o, &action, &out, &err] { action = [&o, &out, &err] { return server::ClassDrillsCommand(o.drills, out, err); }; });
  // The server's own: one drill in a process, talking on descriptors 3 and 4.
  CLI::App* worker = cls->add_subcommand("worker", "");
  worker->group("");
  worker->callback([&action] { action = [] { return server::RunWorker(3, 4); }; });
}

}  // namespace netdrill::app
