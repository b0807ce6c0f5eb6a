// Runs an external program with argv (posix_spawnp, no shell), feeding stdin and collecting stdout
// and stderr through pipes, and reports a missing or failing program by name.
#include "gpaikit/base/external_tool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

extern char** environ;

namespace gpaikit {
namespace {

// The last `lines` non-empty lines of `text`, joined by "; " (what a failing tool said last).
std::string LastLines(const std::string& text, int lines) {
  std::vector<std::string> kept;
  size_t end = text.size();
  while (end > 0 && static_cast<int>(kept.size()) < lines) {
    size_t start = text.rfind('\n', end - 1);
    size_t from = start == std::string::npos ? 0 : start + 1;
    std::string line = text.substr(from, end - from);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) kept.insert(kept.begin(), line);
    if (start == std::string::npos) break;
    end = start;
  }
  std::string out;
  for (const std::string& line : kept) out += (out.empty() ? "" : "; ") + line;
  return out;
}

// Closes a pipe end once.
void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// Writes `input` to `in` and reads `out` and `err` until both end; false on a poll error.
bool Pump(int& in, int& out, int& err, std::string_view input, ToolOutput& result) {
  size_t written = 0;
  if (input.empty()) CloseFd(in);
  char buffer[65536];
  while (out >= 0 || err >= 0) {
    pollfd fds[3];
    int count = 0;
    int* owners[3];
    for (int* fd : {&in, &out, &err}) {
      if (*fd < 0) continue;
      fds[count] = {*fd, static_cast<short>(fd == &in ? POLLOUT : POLLIN), 0};
      owners[count++] = fd;
    }
    if (poll(fds, count, -1) < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    for (int i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      int* fd = owners[i];
      if (fd == &in) {
        ssize_t n = write(in, input.data() + written, input.size() - written);
        if (n < 0 && errno != EINTR && errno != EAGAIN) {
          CloseFd(in);  // the tool stopped reading (EPIPE): its exit status tells why
        } else if (n > 0) {
          written += static_cast<size_t>(n);
          if (written == input.size()) CloseFd(in);
        }
        continue;
      }
      ssize_t n = read(*fd, buffer, sizeof buffer);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) {
        CloseFd(*fd);
        continue;
      }
      (fd == &out ? result.stdout_text : result.stderr_text).append(buffer, static_cast<size_t>(n));
    }
  }
  CloseFd(in);
  return true;
}

// The inherited environment with `overrides` (NAME=value) replacing or adding variables; the
// pointers stay valid while `overrides` and environ do.
std::vector<char*> EnvironmentWith(const std::vector<std::string>& overrides) {
  std::vector<char*> out;
  for (char** variable = environ; *variable; ++variable) {
    std::string_view entry(*variable);
    size_t equals = entry.find('=');
    std::string_view name = entry.substr(0, equals == std::string_view::npos ? 0 : equals + 1);
    bool replaced = false;
    for (const std::string& override_entry : overrides) {
      replaced = replaced || (!name.empty() && std::string_view(override_entry).starts_with(name));
    }
    if (!replaced) out.push_back(*variable);
  }
  for (const std::string& entry : overrides) out.push_back(const_cast<char*>(entry.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<ToolOutput> RunTool(const std::vector<std::string>& argv, std::string_view input,
                           const std::string& install_hint,
                           const std::vector<std::string>& environment) {
  const std::string& tool = argv.at(0);
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) return Status::Internal(tool + ": pipe: " + strerror(errno));
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    return Status::Internal(tool + ": pipe: " + strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env = EnvironmentWith(environment);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, tool.c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  for (int fd : {in_pipe[0], out_pipe[1], err_pipe[1]}) close(fd);
  int in = in_pipe[1], out = out_pipe[0], err = err_pipe[0];
  // Writes must not block: a tool that fills its output pipe before reading all of its input
  // would otherwise wait for gpaikit while gpaikit waits for it.
  fcntl(in, F_SETFL, fcntl(in, F_GETFL) | O_NONBLOCK);
  if (spawned != 0) {
    CloseFd(in);
    CloseFd(out);
    CloseFd(err);
    if (spawned == ENOENT) {
      return Status::Internal(tool + ": not found on PATH; install " + install_hint +
                              " (scripts/install-deps installs it)");
    }
    return Status::Internal(tool + ": cannot be started: " + strerror(spawned));
  }
  // A tool that exits before reading all of its input must not kill gpaikit with SIGPIPE.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  ToolOutput result;
  bool pumped = Pump(in, out, err, input, result);
  sigaction(SIGPIPE, &previous, nullptr);
  CloseFd(out);
  CloseFd(err);
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0) {
    if (errno != EINTR) return Status::Internal(tool + ": waitpid: " + strerror(errno));
  }
  if (!pumped) return Status::Internal(tool + ": poll: " + strerror(errno));
  if (WIFSIGNALED(wait_status)) {
    return Status::Internal(tool + ": killed by signal " + std::to_string(WTERMSIG(wait_status)));
  }
  int code = WEXITSTATUS(wait_status);
  if (code == 127 && result.stderr_text.empty()) {
    return Status::Internal(tool + ": not found on PATH; install " + install_hint +
                            " (scripts/install-deps installs it)");
  }
  if (code != 0) {
    std::string said = LastLines(result.stderr_text, 4);
    return Status::Internal(tool + " failed (exit " + std::to_string(code) +
                            "): " + (said.empty() ? "no message on standard error" : said));
  }
  return result;
}

}  // namespace gpaikit
