// Corpus benchmark helper: writes realistic WARC.gz / JSONL.zst corpora (Zipf-distributed
// domains, HTML-like pages) and times the baselines (raw ISA-L inflate, zstd decode alone).
//   corpus_tool gen-warc OUT MB [SEED]   corpus_tool gen-jsonl OUT MB [SEED]
//   corpus_tool gen-domains OUT N        (N JSONL lines, each from a distinct domain)
//   corpus_tool inflate FILE             corpus_tool unzstd FILE   (print MB/s of decoded bytes)
#include <isa-l/igzip_lib.h>
#include <zlib.h>
#include <zstd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "corpus/corpus_test_util.h"

namespace {

const char* kWords[] = {"the",        "model",    "data",    "training", "europe",
                        "regulation", "page",     "content", "article",  "provider",
                        "news",       "science",  "open",    "source",   "crawler",
                        "summary",    "language", "market",  "public",   "research"};

struct Generator {
  std::mt19937_64 rng;
  std::vector<double> cdf;  // Zipf(s=1.1) over 200000 domains
  explicit Generator(uint64_t seed) : rng(seed) {
    double sum = 0;
    for (int i = 1; i <= 200000; ++i) cdf.push_back(sum += 1.0 / std::pow(i, 1.1));
    for (double& c : cdf) c /= sum;
  }
  std::string Domain() {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    size_t k = static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    return "site" + std::to_string(k) + (k % 3 == 0 ? ".co.uk" : k % 3 == 1 ? ".com" : ".org");
  }
  std::string Text(size_t words) {
    std::string out;
    for (size_t i = 0; i < words; ++i) {
      out += kWords[rng() % 20];
      out += (i % 17 == 16) ? ". " : " ";
    }
    return out;
  }
  std::string Html(size_t words) {
    std::string out = "<!doctype html><html><head><title>" + Text(6) +
                      "</title><meta charset=\"utf-8\"></head><body>";
    for (size_t done = 0; done < words; done += 60) out += "<p>" + Text(60) + "</p>\n";
    return out + "</body></html>";
  }
};

int GenWarc(const char* path, double mb, uint64_t seed) {
  Generator g(seed);
  std::ofstream out(path, std::ios::binary);
  uint64_t written = 0, target = static_cast<uint64_t>(mb * 1e6);
  for (uint64_t n = 0; written < target; ++n) {
    std::string url = "https://www." + g.Domain() + "/p/" + std::to_string(n);
    std::string body = g.Html(200 + g.rng() % 3000);
    std::string http =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string request = "GET /p/" + std::to_string(n) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int kind = 0; kind < 2; ++kind) {
      const std::string& block = kind == 0 ? request : http;
      std::string rec =
          std::string("WARC/1.1\r\nWARC-Type: ") + (kind == 0 ? "request" : "response") +
          "\r\nWARC-Target-URI: " + url + "\r\nWARC-Date: 2024-05-0" + std::to_string(1 + n % 9) +
          "T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(n) + "-" +
          std::to_string(kind) +
          ">\r\nContent-Type: application/http; msgtype=" + (kind == 0 ? "request" : "response") +
          "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
      std::string member = gpaikit::corpus::testing::Gzip(rec);
      out.write(member.data(), static_cast<std::streamsize>(member.size()));
      written += member.size();
    }
  }
  return 0;
}

int GenJsonl(const char* path, double mb, uint64_t seed) {
  Generator g(seed);
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
  std::FILE* out = std::fopen(path, "wb");
  std::vector<char> buffer(ZSTD_CStreamOutSize());
  uint64_t target = static_cast<uint64_t>(mb * 1e6), raw = 0;
  auto write = [&](const std::string& data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    while (true) {
      ZSTD_outBuffer o{buffer.data(), buffer.size(), 0};
      size_t left = ZSTD_compressStream2(cctx, &o, &in, mode);
      std::fwrite(buffer.data(), 1, o.pos, out);
      if (mode == ZSTD_e_end ? left == 0 : in.pos == in.size) break;
    }
  };
  for (uint64_t n = 0; std::ftell(out) < static_cast<long>(target); ++n) {
    std::string text = g.Text(100 + g.rng() % 1500);
    std::string line = "{\"text\":\"" + text + "\\n" + g.Text(20) +
                       "\",\"id\":\"<urn:" + std::to_string(n) +
                       ">\",\"dump\":\"CC-MAIN-2024-10\",\"url\":\"https://" + g.Domain() + "/a/" +
                       std::to_string(n) + "\",\"date\":\"2024-02-2" + std::to_string(n % 9) +
                       "T01:02:03Z\",\"language\":\"en\",\"language_score\":0.93,\"token_count\":" +
                       std::to_string(text.size() / 4) + "}\n";
    raw += line.size();
    write(line, ZSTD_e_continue);
  }
  write("", ZSTD_e_end);
  std::fclose(out);
  ZSTD_freeCCtx(cctx);
  return 0;
}

// N lines, each from its own registrable domain (for memory per distinct domain).
int GenDomains(const char* path, uint64_t n) {
  std::FILE* out = std::fopen(path, "wb");
  for (uint64_t i = 0; i < n; ++i) {
    std::fprintf(out, "{\"text\":\"x\",\"url\":\"https://www.host%llu-example.com/\"}\n",
                 static_cast<unsigned long long>(i));
  }
  return std::fclose(out);
}

std::vector<char> ReadAll(const char* path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::vector<char> data(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  return data;
}

// Inflates every member of a multi-member gzip file with ISA-L, output discarded.
int Inflate(const char* path) {
  std::vector<char> data = ReadAll(path);
  std::vector<uint8_t> out(1 << 20);
  auto start = std::chrono::steady_clock::now();
  inflate_state st;
  isal_inflate_init(&st);
  st.crc_flag = ISAL_GZIP;
  st.next_in = reinterpret_cast<uint8_t*>(data.data());
  st.avail_in = static_cast<uint32_t>(data.size());
  uint64_t total = 0;
  while (st.avail_in > 0) {
    st.next_out = out.data();
    st.avail_out = static_cast<uint32_t>(out.size());
    if (isal_inflate(&st) < 0) return std::fprintf(stderr, "inflate error\n"), 1;
    total += out.size() - st.avail_out;
    if (st.block_state == ISAL_BLOCK_FINISH) {
      uint8_t* next = st.next_in;
      uint32_t avail = st.avail_in;
      isal_inflate_reset(&st);
      st.crc_flag = ISAL_GZIP;
      st.next_in = next;
      st.avail_in = avail;
    }
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.1f %llu\n", static_cast<double>(total) / 1e6 / s,
              static_cast<unsigned long long>(total));
  return 0;
}

int Unzstd(const char* path) {
  std::vector<char> data = ReadAll(path);
  std::vector<char> out(ZSTD_DStreamOutSize() * 8);
  auto start = std::chrono::steady_clock::now();
  ZSTD_DCtx* d = ZSTD_createDCtx();
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  uint64_t total = 0;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{out.data(), out.size(), 0};
    if (ZSTD_isError(ZSTD_decompressStream(d, &o, &in))) return 1;
    total += o.pos;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.1f %llu\n", static_cast<double>(total) / 1e6 / s,
              static_cast<unsigned long long>(total));
  ZSTD_freeDCtx(d);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return std::fprintf(stderr, "usage: see the file's header\n"), 2;
  std::string mode = argv[1];
  uint64_t seed = argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 1;
  if (mode == "gen-warc" && argc > 3) return GenWarc(argv[2], std::atof(argv[3]), seed);
  if (mode == "gen-jsonl" && argc > 3) return GenJsonl(argv[2], std::atof(argv[3]), seed);
  if (mode == "gen-domains" && argc > 3)
    return GenDomains(argv[2], std::strtoull(argv[3], nullptr, 10));
  if (mode == "inflate") return Inflate(argv[2]);
  if (mode == "unzstd") return Unzstd(argv[2]);
  return std::fprintf(stderr, "unknown mode %s\n", argv[1]), 2;
}
