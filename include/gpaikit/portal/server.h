// The HTTP server of `gpaikit serve`: libmicrohttpd carries the Site's responses, with limits
// on connections, time and memory, and stops gracefully on SIGTERM or SIGINT (docs/portal.md).
#ifndef GPAIKIT_PORTAL_SERVER_H_
#define GPAIKIT_PORTAL_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/portal/request.h"
#include "gpaikit/portal/site.h"

struct MHD_Daemon;

namespace gpaikit::portal {

struct ServerOptions {
  std::string listen = "127.0.0.1";  // an IPv4 or IPv6 address
  uint16_t port = 8080;              // 0: a free port, chosen by the system
  std::string base_url;              // empty: http://LISTEN:PORT/
  unsigned connection_limit = 64;    // open connections at once
  unsigned per_ip_limit = 16;        // open connections from one address
  unsigned timeout_seconds = 15;     // an idle or slow connection is closed after this
  size_t memory_limit = 64 * 1024;   // bytes per connection (request line and headers)
  unsigned drain_seconds = 10;       // how long in-flight requests may finish after a signal
  // Request bodies (413 beyond them, from Content-Length before reading, else while reading):
  size_t max_form_bytes = 1 << 20;     // the form fields of a POST, names and values together
  size_t max_upload_bytes = 10 << 20;  // each uploaded file (--max-upload-mib)
  unsigned max_upload_files = 5;       // files in one request (--max-uploads)
  // Reverse proxies (IP addresses, --trusted-proxy) whose X-Real-IP / X-Forwarded-For name the
  // client (Request::client_address); from any other peer those headers are ignored.
  std::vector<std::string> trusted_proxies;
};

// A running server: libmicrohttpd's threads answer through `endpoint` until Stop.
class Server {
 public:
  // Binds the socket (an Io error names the address) and starts answering.
  static Result<std::unique_ptr<Server>> Start(const Endpoint& endpoint,
                                               const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  uint16_t port() const { return port_; }
  const std::string& base_url() const;
  // Stops accepting, lets open connections finish (at most drain_seconds), then stops.
  void Stop();

  struct Context;

 private:
  Server() = default;
  uint16_t port_ = 0;
  unsigned drain_seconds_ = 0;
  std::unique_ptr<Context> context_;
  ::MHD_Daemon* daemon_ = nullptr;
};

// Serves `site` until SIGTERM or SIGINT; then stops accepting, lets in-flight requests finish
// (at most drain_seconds) and returns Ok. `listening` is called once the socket is bound, with
// the port and the base URL. Io naming the address when binding or starting fails.
Status Serve(const Site& site, const ServerOptions& options,
             const std::function<void(uint16_t port, const std::string& base_url)>& listening);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_SERVER_H_
