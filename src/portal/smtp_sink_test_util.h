// A real SMTP server for tests: tests/portal/smtp_sink.py (Debian's python3-aiosmtpd) on a free
// loopback port, started per test and stopped with it; each message lands in a temporary folder.
#ifndef GPAIKIT_PORTAL_SMTP_SINK_TEST_UTIL_H_
#define GPAIKIT_PORTAL_SMTP_SINK_TEST_UTIL_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gpaikit::portal {

class SmtpSink {
 public:
  explicit SmtpSink(std::vector<std::string> extra = {}) {
    folder_ = std::filesystem::temp_directory_path() /
              ("gpaikit-smtp-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(pipe_fds[1], 1);
      close(pipe_fds[0]);
      std::vector<std::string> args = {
          "/usr/bin/python3", GPAIKIT_SOURCE_DIR "/tests/portal/smtp_sink.py", folder_.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(pipe_fds[1]);
    FILE* out = fdopen(pipe_fds[0], "r");
    char line[64] = {};
    if (out != nullptr && std::fgets(line, sizeof line, out) != nullptr) {
      std::sscanf(line, "port %d", &port_);
    }
    if (out != nullptr) std::fclose(out);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(folder_);
  }
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::string Read(const std::string& name) const {
    std::ifstream in(folder_ / name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path folder_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SMTP_SINK_TEST_UTIL_H_
