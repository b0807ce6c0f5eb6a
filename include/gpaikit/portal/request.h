// A request as the portal's pages see it (method, path, query, cookies, decoded form fields and
// uploaded files) and the response they give: independent of the HTTP library (docs/portal.md).
#ifndef GPAIKIT_PORTAL_REQUEST_H_
#define GPAIKIT_PORTAL_REQUEST_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpaikit::portal {

using Fields = std::vector<std::pair<std::string, std::string>>;

// What the server sends: status, Content-Type, body, and headers beyond the security headers
// every response carries (SecurityHeaders()).
struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A file of a multipart/form-data body. `filename` is what the client sent, unchecked: pages
// must never use it as a path.
struct UploadedFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string data;
};

struct Request {
  std::string method;
  std::string path;  // without the query
  Fields query;      // decoded ?a=b arguments
  Fields cookies;
  Fields form;  // decoded fields of an urlencoded or multipart POST body
  std::vector<UploadedFile> files;
  // The client's IP address, the key of per-address limits: the peer's, or behind a trusted
  // proxy (ServerOptions::trusted_proxies) the one it names ("" in tests).
  std::string client_address;

  // The first value of `name`, or "" when absent.
  std::string Query(std::string_view name) const { return First(query, name); }
  std::string Cookie(std::string_view name) const { return First(cookies, name); }
  std::string Form(std::string_view name) const { return First(form, name); }
  static std::string First(const Fields& fields, std::string_view name) {
    for (const auto& [key, value] : fields) {
      if (key == name) return value;
    }
    return "";
  }
};

// Which body a POST to a path may carry; the server refuses any other with 405 or 415 before
// reading it, and enforces the size limits of ServerOptions (413).
enum class BodyKind {
  kNone,    // POST is not allowed here (405)
  kForm,    // application/x-www-form-urlencoded or multipart/form-data without files
  kUpload,  // multipart/form-data with files (or urlencoded)
};

// What the HTTP server carries: the Site, or a stand-in in tests.
class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // The body a POST to `path` may carry.
  virtual BodyKind PostBody(std::string_view path) const = 0;
  // The response to a complete request (its body decoded). `base_url` is the site's absolute URL
  // ending in "/".
  virtual Response Handle(const Request& request, const std::string& base_url) const = 0;
  // The response for a refused request (status 400, 403, 405, 413, 415) with `message`, through
  // the site's templates.
  virtual Response Refuse(int status, const std::string& message) const = 0;
};

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_REQUEST_H_
