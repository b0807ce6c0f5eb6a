// Carries the portal's responses over HTTP with libmicrohttpd (no HTTP parsed here): limits on
// connections, time, memory and request bodies (413), POST bodies decoded by MHD_PostProcessor,
// and a graceful stop on SIGTERM or SIGINT (docs/portal.md "Server").
#include "gpaikit/portal/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <thread>

#include "portal/client_address.h"

namespace gpaikit::portal {

struct Server::Context {
  const Endpoint* endpoint;
  ServerOptions options;
  std::string base_url;
  TrustedProxies trusted_proxies;
};

namespace {

// Slack for multipart framing (boundaries and part headers) on top of the field and file limits.
constexpr size_t kFramingSlack = 64 * 1024;

// The body of one request being received, and what refusal it has earned so far.
struct RequestState {
  Request request;
  BodyKind kind = BodyKind::kNone;
  MHD_PostProcessor* processor = nullptr;
  size_t body_limit = 0;  // raw bytes
  size_t received = 0;
  size_t field_bytes = 0;
  int refusal = 0;  // 400 or 413 once the body broke a rule
  std::string refusal_message;
  ~RequestState() {
    if (processor != nullptr) MHD_destroy_post_processor(processor);
  }
  void Refuse(int status, std::string message) {
    if (refusal != 0) return;
    refusal = status;
    refusal_message = std::move(message);
  }
};

std::string Mib(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// The socket, bound and listening, so that the port (also a chosen one) is
// known before the daemon starts; libmicrohttpd takes it over.
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

MHD_Result Collect(void* cls, MHD_ValueKind /*kind*/, const char* key, const char* value) {
  static_cast<Fields*>(cls)->emplace_back(key, value == nullptr ? "" : value);
  return MHD_YES;
}

// The TCP peer's address in canonical form (an IPv4-mapped IPv6 peer as IPv4).
std::string PeerAddress(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "";
  char text[INET6_ADDRSTRLEN] = {0};
  const sockaddr* address = info->client_addr;
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
              sizeof text);
  }
  Result<std::string> canonical = CanonicalAddress(text);
  return canonical.ok() ? *canonical : std::string(text);
}

// Every X-Real-IP and X-Forwarded-For header line, in order (names are case-insensitive).
MHD_Result CollectProxyHeader(void* cls, MHD_ValueKind /*kind*/, const char* key,
                              const char* value) {
  auto& headers = *static_cast<ProxyHeaders*>(cls);
  std::string text = value == nullptr ? "" : value;
  if (strcasecmp(key, "X-Real-IP") == 0) headers.x_real_ip.push_back(text);
  if (strcasecmp(key, "X-Forwarded-For") == 0) headers.x_forwarded_for.push_back(text);
  return MHD_YES;
}

// One piece of a form field or file, as MHD_PostProcessor decodes it; a value that starts at
// offset 0 begins a new field or file unless it continues an empty one of the same name.
MHD_Result Iterate(void* cls, MHD_ValueKind /*kind*/, const char* key, const char* filename,
                   const char* content_type, const char* /*transfer_encoding*/, const char* data,
                   uint64_t off, size_t size) {
  auto& state = *static_cast<RequestState*>(cls);
  if (state.refusal != 0) return MHD_YES;
  std::string name = key == nullptr ? "" : key;
  if (filename != nullptr) {
    std::vector<UploadedFile>& files = state.request.files;
    bool continues = !files.empty() && files.back().field == name &&
                     files.back().filename == filename && (off != 0 || files.back().data.empty());
    if (!continues) {
      files.push_back({name, filename, content_type == nullptr ? "" : content_type, ""});
    }
    files.back().data.append(data == nullptr ? "" : data, data == nullptr ? 0 : size);
  } else {
    Fields& form = state.request.form;
    bool continues =
        !form.empty() && form.back().first == name && (off != 0 || form.back().second.empty());
    if (!continues) {
      form.emplace_back(name, "");
      state.field_bytes += name.size();
    }
    form.back().second.append(data == nullptr ? "" : data, data == nullptr ? 0 : size);
    state.field_bytes += size;
  }
  return MHD_YES;
}

// Applies the limits to what has been decoded so far.
void CheckLimits(RequestState& state, const ServerOptions& options) {
  if (state.field_bytes > options.max_form_bytes) {
    state.Refuse(413, "The form's fields are larger than " + Mib(options.max_form_bytes) + ".");
  }
  const std::vector<UploadedFile>& files = state.request.files;
  if (files.empty()) return;
  if (state.kind != BodyKind::kUpload) {
    state.Refuse(400, "This form takes no files.");
  } else if (files.size() > options.max_upload_files) {
    state.Refuse(
        413, "At most " + std::to_string(options.max_upload_files) + " files may be sent at once.");
  } else if (files.back().data.size() > options.max_upload_bytes) {
    state.Refuse(413, "Each file may be at most " + Mib(options.max_upload_bytes) + ".");
  }
}

MHD_Result Queue(MHD_Connection* connection, const Response& response) {
  MHD_Response* reply = MHD_create_response_from_buffer(
      response.body.size(), const_cast<char*>(response.body.data()), MHD_RESPMEM_MUST_COPY);
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

// The first call for a request: its headers are complete. Answers at once what needs no body
// (GET and HEAD are answered on the next call; 405, 413 from Content-Length, 415 here).
MHD_Result Begin(const Server::Context& context, MHD_Connection* connection, const char* url,
                 const char* method, RequestState& state) {
  state.request.method = method;
  state.request.path = url;
  // The client's address: the peer, or the one a trusted proxy names (docs/portal.md "Behind
  // nginx"); a trusted proxy's malformed header is refused rather than counted as the proxy.
  ProxyHeaders proxy_headers;
  if (!context.trusted_proxies.empty()) {
    MHD_get_connection_values(connection, MHD_HEADER_KIND, &CollectProxyHeader, &proxy_headers);
  }
  Result<std::string> client =
      context.trusted_proxies.ClientAddress(PeerAddress(connection), proxy_headers);
  if (!client.ok()) {
    return Queue(connection, context.endpoint->Refuse(400, client.status().message()));
  }
  state.request.client_address = std::move(*client);
  MHD_get_connection_values(connection, MHD_COOKIE_KIND, &Collect, &state.request.cookies);
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &Collect, &state.request.query);
  std::string_view m(method);
  if (m == "GET" || m == "HEAD") return MHD_YES;
  state.kind = m == "POST" ? context.endpoint->PostBody(url) : BodyKind::kNone;
  if (state.kind == BodyKind::kNone) {
    return Queue(connection, context.endpoint->Handle(state.request, context.base_url));
  }
  const ServerOptions& options = context.options;
  state.body_limit = options.max_form_bytes + kFramingSlack;
  if (state.kind == BodyKind::kUpload) {
    state.body_limit += options.max_upload_files * options.max_upload_bytes;
  }
  const char* length =
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (length != nullptr) {
    unsigned long long declared = 0;
    auto [end, error] = std::from_chars(length, length + std::strlen(length), declared);
    if (error == std::errc() && declared > state.body_limit) {
      return Queue(connection, context.endpoint->Refuse(
                                   413, "The request is larger than this form accepts (" +
                                            std::to_string(state.body_limit) + " bytes at most)."));
    }
  }
  state.processor = MHD_create_post_processor(connection, 16 * 1024, &Iterate, &state);
  if (state.processor == nullptr) {
    return Queue(connection,
                 context.endpoint->Refuse(415,
                                          "Expected a form: application/x-www-form-urlencoded "
                                          "or multipart/form-data."));
  }
  return MHD_YES;
}

MHD_Result Answer(void* cls, MHD_Connection* connection, const char* url, const char* method,
                  const char* /*version*/, const char* upload_data, size_t* upload_size,
                  void** request_state) {
  const auto& context = *static_cast<const Server::Context*>(cls);
  if (*request_state == nullptr) {
    auto* state = new RequestState;
    *request_state = state;
    return Begin(context, connection, url, method, *state);
  }
  auto& state = *static_cast<RequestState*>(*request_state);
  if (*upload_size != 0) {
    size_t size = *upload_size;
    *upload_size = 0;
    state.received += size;
    if (state.processor == nullptr) return MHD_YES;  // a body on GET or HEAD: ignored
    if (state.received > state.body_limit) {
      state.Refuse(413, "The request is larger than this form accepts (" +
                            std::to_string(state.body_limit) + " bytes at most).");
      // Past twice the limit the client is not listening: close without an answer.
      return state.received > 2 * state.body_limit ? MHD_NO : MHD_YES;
    }
    if (state.refusal == 0 && MHD_post_process(state.processor, upload_data, size) != MHD_YES) {
      state.Refuse(400, "The form's body could not be decoded.");
    }
    CheckLimits(state, context.options);
    return MHD_YES;
  }
  if (state.processor != nullptr && state.refusal == 0) {
    // Destroying flushes the last field, and says whether the body ended where a form may end.
    if (MHD_destroy_post_processor(state.processor) != MHD_YES) {
      state.Refuse(400, "The form's body is incomplete or malformed.");
    }
    state.processor = nullptr;
    CheckLimits(state, context.options);
  }
  if (state.refusal != 0) {
    return Queue(connection, context.endpoint->Refuse(state.refusal, state.refusal_message));
  }
  // A file input left empty arrives as a part with no name and no bytes: not a file.
  std::erase_if(state.request.files, [](const UploadedFile& file) {
    return file.filename.empty() && file.data.empty();
  });
  return Queue(connection, context.endpoint->Handle(state.request, context.base_url));
}

void Completed(void* /*cls*/, MHD_Connection* /*connection*/, void** request_state,
               MHD_RequestTerminationCode /*code*/) {
  delete static_cast<RequestState*>(*request_state);
  *request_state = nullptr;
}

std::string DefaultBaseUrl(const std::string& listen, uint16_t port) {
  std::string host = listen.find(':') == std::string::npos ? listen : "[" + listen + "]";
  return "http://" + host + ":" + std::to_string(port) + "/";
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const Endpoint& endpoint,
                                              const ServerOptions& options) {
  Result<TrustedProxies> trusted = TrustedProxies::Parse(options.trusted_proxies);
  if (!trusted.ok()) return trusted.status();
  std::unique_ptr<Server> server(new Server);
  Result<int> fd = Listen(options, server->port_);
  if (!fd.ok()) return fd.status();
  server->drain_seconds_ = options.drain_seconds;
  server->context_ = std::make_unique<Context>(Context{
      &endpoint, options,
      options.base_url.empty() ? DefaultBaseUrl(options.listen, server->port_) : options.base_url,
      std::move(*trusted)});
  if (!server->context_->base_url.ends_with('/')) server->context_->base_url += '/';
  // A thread per connection (docs/portal.md "Server"): a filing waits for its group commit
  // without holding up other connections, so concurrent filings can be committed together.
  unsigned flags =
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ITC | MHD_USE_AUTO;
  if (options.listen.find(':') != std::string::npos) flags |= MHD_USE_IPv6;
  server->daemon_ = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &Answer, server->context_.get(), MHD_OPTION_LISTEN_SOCKET, *fd,
      MHD_OPTION_NOTIFY_COMPLETED, &Completed, nullptr, MHD_OPTION_CONNECTION_LIMIT,
      options.connection_limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT, options.per_ip_limit,
      MHD_OPTION_CONNECTION_TIMEOUT, options.timeout_seconds, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      options.memory_limit, MHD_OPTION_END);
  if (server->daemon_ == nullptr) {
    close(*fd);
    return Status::Io(options.listen + " port " + std::to_string(server->port_) +
                      ": libmicrohttpd could not start the server");
  }
  return server;
}

const std::string& Server::base_url() const { return context_->base_url; }

void Server::Stop() {
  if (daemon_ == nullptr) return;
  // Stop accepting, then let the open connections finish their requests (each is closed by
  // the connection timeout at the latest), then stop.
  MHD_socket listener = MHD_quiesce_daemon(daemon_);
  if (listener != MHD_INVALID_SOCKET) close(listener);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(drain_seconds_);
  while (std::chrono::steady_clock::now() < deadline) {
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    if (info == nullptr || info->num_connections == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
}

Server::~Server() { Stop(); }

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
  Result<std::unique_ptr<Server>> server = Server::Start(site, options);
  if (!server.ok()) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return server.status();
  }
  listening((*server)->port(), (*server)->base_url());
  int received = 0;
  sigwait(&signals, &received);
  (*server)->Stop();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return Status::Ok();
}

}  // namespace gpaikit::portal
