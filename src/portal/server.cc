// Carries the portal's responses over HTTP with libmicrohttpd (no HTTP parsed here): limits on
// connections, time and memory per connection, and a graceful stop on SIGTERM or SIGINT
// (docs/portal.md "Server").
#include "gpaikit/portal/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace gpaikit::portal {
namespace {

struct Context {
  const Site* site;
  std::string base_url;
};

// The socket, bound and listening, so that the port (also a chosen one) is known before the
// daemon starts; libmicrohttpd takes it over.
Result<int> Listen(const ServerOptions& options, uint16_t& port) {
  sockaddr_storage address{};
  socklen_t length = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
  if (inet_pton(AF_INET, options.listen.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(options.port);
    length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, options.listen.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(options.port);
    length = sizeof(sockaddr_in6);
  } else {
    return Status::InvalidInput("--listen: expected an IPv4 or IPv6 address, got '" +
                                options.listen + "'");
  }
  std::string where = options.listen + " port " + std::to_string(options.port);
  int fd = socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Io(where + ": socket: " + std::strerror(errno));
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(fd, 64) != 0) {
    std::string message = where + ": cannot listen: " + std::strerror(errno);
    close(fd);
    return Status::Io(message);
  }
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
  return fd;
}

MHD_Result Answer(void* cls, MHD_Connection* connection, const char* url, const char* method,
                  const char* /*version*/, const char* /*upload_data*/, size_t* upload_size,
                  void** request_state) {
  const Context& context = *static_cast<const Context*>(cls);
  // Nothing of a request body is read: GET and HEAD carry none, other methods are refused.
  *upload_size = 0;
  if (*request_state == nullptr) {
    static int marker;
    *request_state = &marker;
    std::string_view m(method);
    if (m == "GET" || m == "HEAD") return MHD_YES;  // answer once the headers are complete
  }
  Response response = context.site->Handle(method, url, context.base_url);
  MHD_Response* reply = MHD_create_response_from_buffer(response.body.size(), response.body.data(),
                                                        MHD_RESPMEM_MUST_COPY);
  if (reply == nullptr) return MHD_NO;
  MHD_add_response_header(reply, MHD_HTTP_HEADER_CONTENT_TYPE, response.content_type.c_str());
  for (const auto& [name, value] : SecurityHeaders()) {
    MHD_add_response_header(reply, name.c_str(), value.c_str());
  }
  for (const auto& [name, value] : response.headers) {
    MHD_add_response_header(reply, name.c_str(), value.c_str());
  }
  MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(response.status), reply);
  MHD_destroy_response(reply);
  return queued;
}

std::string DefaultBaseUrl(const std::string& listen, uint16_t port) {
  std::string host = listen.find(':') == std::string::npos ? listen : "[" + listen + "]";
  return "http://" + host + ":" + std::to_string(port) + "/";
}

}  // namespace

Status Serve(const Site& site, const ServerOptions& options,
             const std::function<void(uint16_t port, const std::string& base_url)>& listening) {
  // The signals are blocked before libmicrohttpd starts its threads, which inherit the mask, so
  // that only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  uint16_t port = 0;
  Result<int> fd = Listen(options, port);
  if (!fd.ok()) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return fd.status();
  }
  Context context{
      &site, options.base_url.empty() ? DefaultBaseUrl(options.listen, port) : options.base_url};
  if (!context.base_url.ends_with('/')) context.base_url += '/';
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_AUTO;
  if (options.listen.find(':') != std::string::npos) flags |= MHD_USE_IPv6;
  MHD_Daemon* daemon = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &Answer, &context, MHD_OPTION_LISTEN_SOCKET, *fd,
      MHD_OPTION_CONNECTION_LIMIT, options.connection_limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      options.per_ip_limit, MHD_OPTION_CONNECTION_TIMEOUT, options.timeout_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.memory_limit, MHD_OPTION_THREAD_POOL_SIZE,
      options.threads, MHD_OPTION_END);
  if (daemon == nullptr) {
    close(*fd);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return Status::Io(options.listen + " port " + std::to_string(port) +
                      ": libmicrohttpd could not start the server");
  }
  listening(port, context.base_url);
  int received = 0;
  sigwait(&signals, &received);
  // Stop accepting, then let the open connections finish their requests (each is closed by
  // the connection timeout at the latest), then stop.
  MHD_socket listener = MHD_quiesce_daemon(daemon);
  if (listener != MHD_INVALID_SOCKET) close(listener);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.drain_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    if (info == nullptr || info->num_connections == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  MHD_stop_daemon(daemon);
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return Status::Ok();
}

}  // namespace gpaikit::portal
