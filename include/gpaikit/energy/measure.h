// `gpaikit energy measure`: runs a command and meters the node it runs on, one meter per node
// and run however many ranks start one (docs/energy.md; AI Act Annex XI 2(e)).
#ifndef GPAIKIT_ENERGY_MEASURE_H_
#define GPAIKIT_ENERGY_MEASURE_H_

#include <filesystem>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::energy {

struct MeasureOptions {
  std::filesystem::path project_root;
  std::string run;               // a compute run of gpaikit.yaml
  double interval_seconds = 10;  // how often records are appended (and made durable)
  double sample_seconds = 0.1;   // how often devices are read (power integration step)
  std::vector<std::string> command;
  std::filesystem::path powercap_root = "/sys/class/powercap";
  // Where the node-local lock lives: $GPAIKIT_ENERGY_LOCK_DIR, else $TMPDIR, else /tmp.
  std::filesystem::path lock_dir;
  std::string node;  // "" = the host name
};

struct MeasureOutcome {
  int exit_code = 0;               // the command's (128 + signal when a signal ended it)
  bool metered = false;            // this process metered the node (it held the lock)
  std::filesystem::path records;   // the records file written, when metered
  std::vector<std::string> notes;  // what was not metered and why
};

// Runs the command, forwarding SIGINT, SIGTERM and SIGHUP to it, and returns its exit code.
// The first process of a run on a node takes the lock and meters; the others run their command
// and register its process with the meter, which meters until every registered process ended.
// A rank whose meter died takes the lock over. Failures to start the command are errors;
// failures to meter are notes (the command still runs).
Result<MeasureOutcome> Measure(const MeasureOptions& options);

// The host name, or $GPAIKIT_ENERGY_NODE when set (tests: several "nodes" on one machine).
std::string NodeName();

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_MEASURE_H_
