// Reservation signals besides robots.txt rules: TDMRep headers and meta, noai,
// Content-Usage/Signal.
#ifndef GPAIKIT_OPTOUT_SIGNALS_H_
#define GPAIKIT_OPTOUT_SIGNALS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpaikit::optout {

// Where a signal comes from (Code of Practice, Copyright, Measure 1.3: robots.txt and "other
// appropriate machine-readable protocols"; Measure 1.2: sites recognised as infringing).
enum class SignalKind : uint8_t {
  kRobotsTxt,      // an allow/disallow rule (RFC 9309), or the fetch outcome of robots.txt
  kTdmRepFile,     // /.well-known/tdmrep.json rule (W3C TDMRep final report)
  kTdmRepHeader,   // tdm-reservation / tdm-policy HTTP header
  kTdmRepMeta,     // <meta name="tdm-reservation"> / tdm-policy
  kNoAi,           // noai / noimageai in X-Robots-Tag or a robots meta tag
  kContentUsage,   // IETF aipref Content-Usage (header or robots.txt line)
  kContentSignal,  // Content-Signal (header or robots.txt line)
  kBlocklist,      // a listed domain or URL (persistently infringing sites, Measure 1.2)
};

// What a signal says about collecting the content for training.
enum class SignalEffect : uint8_t {
  kReserves,  // rights reserved / disallowed for this use
  kPermits,   // explicitly not reserved / allowed
  kBlocks,    // listed on a blocklist: do not crawl at all
  kNeutral,   // present but says nothing about training (e.g. search=y only, noimageai on text)
  kInvalid,   // a protocol error: ignored, reported
};

// One piece of evidence, with its source and place, as reported in every decision.
struct Signal {
  SignalKind kind = SignalKind::kRobotsTxt;
  SignalEffect effect = SignalEffect::kNeutral;
  std::string source;       // "robots.txt", "HTTP header", "HTML meta", "tdmrep.json", list name
  std::string location;     // file or URL of the source document, when known
  uint32_t line = 0;        // 1-based line in the source document, 0 when not applicable
  std::string rule;         // the text that carries the signal ("tdm-reservation: 1")
  std::string detail;       // why it has this effect
  std::string fetched_at;   // when the source document was fetched (ISO 8601), when known
  std::string policy;       // TDMRep tdm-policy URL, when given
  std::string agent;        // the product token a robots.txt signal was checked for
  bool superseded = false;  // outranked by a higher-precedence source (TDMRep order): not counted
};

std::string_view SignalKindName(SignalKind kind);
std::string_view SignalEffectName(SignalEffect effect);

// An HTTP response header ("Name", "value"), names compared case-insensitively.
using HttpHeader = std::pair<std::string, std::string>;

// Parses "Name: value" (for --header). Returns false when there is no colon or no name.
bool ParseHttpHeader(std::string_view text, HttpHeader* header);

// Signals in response headers: tdm-reservation, tdm-policy, X-Robots-Tag (noai, noimageai; also
// "agent: noai" scoped to a product token in `agents`), Content-Usage, Content-Signal.
// `image` says whether the resource is an image (noimageai then reserves).
std::vector<Signal> HeaderSignals(std::span<const HttpHeader> headers,
                                  std::span<const std::string> agents, bool image = false);

// Signals in an HTML document's <meta> tags: tdm-reservation, tdm-policy, and robots (or
// agent-named) meta tags with noai / noimageai. Line numbers refer to `html`.
std::vector<Signal> HtmlMetaSignals(std::string_view html, std::span<const std::string> agents,
                                    bool image = false);

// A Content-Usage (IETF aipref) or Content-Signal preference list, "train-ai=n, search=y":
// the effect on training use, with the deciding key in `*deciding`.
SignalEffect TrainingPreference(std::string_view value, bool content_signal, std::string* deciding);

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_SIGNALS_H_
