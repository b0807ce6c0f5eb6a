// Reading a password from a file or, without echo, from the terminal (termios).
#include "cli/password_input.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>

#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

std::string WithoutLineEnd(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// One line from `fd` with echo off; the terminal's settings are restored before returning.
Result<std::string> ReadHidden(int fd, const std::string& prompt) {
  if (write(fd, prompt.data(), prompt.size()) < 0) return Status::Io("/dev/tty: cannot write");
  termios saved{};
  if (tcgetattr(fd, &saved) != 0) return Status::Io("/dev/tty: not a terminal");
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  quiet.c_lflag |= ECHONL;
  tcsetattr(fd, TCSAFLUSH, &quiet);
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') line += c;
  tcsetattr(fd, TCSAFLUSH, &saved);
  return WithoutLineEnd(std::move(line));
}

}  // namespace

Result<std::string> ReadPasswordFile(const std::string& file) {
  Result<std::string> text = ReadFile(file);
  if (!text.ok()) return text.status();
  std::string line = WithoutLineEnd(text->substr(0, text->find('\n')));
  if (line.empty())
    return Status::InvalidInput(file + ":1: expected the password on the first line");
  return line;
}

Result<std::string> ReadPasswordFromTerminal(const std::string& prompt) {
  int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    return Status::InvalidInput("no terminal to read the password from: use --password-file");
  }
  Result<std::string> first = ReadHidden(fd, prompt);
  Result<std::string> second = first.ok() ? ReadHidden(fd, "Again: ") : first;
  close(fd);
  if (!second.ok()) return second.status();
  if (*first != *second) return Status::InvalidInput("the two passwords differ");
  return first;
}

}  // namespace gpaikit::cli
