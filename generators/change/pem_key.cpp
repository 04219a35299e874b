#include "generators/change/pem_key.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gitopsgen {
namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// `text` decoded as base64 with optional '=' padding at its end only; nothing when it is not.
std::optional<std::vector<std::uint8_t>> decode_base64(const std::string& text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t padding = 0;
  for (const char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0) return std::nullopt;  // data after padding
    const int v = base64_value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
    }
  }
  if (padding > 2 || (text.size() % 4 != 0 && padding > 0)) return std::nullopt;
  return out;
}

// A DER SEQUENCE (tag 0x30) whose definite length fills `data` exactly.
bool is_der_sequence(const std::vector<std::uint8_t>& data) {
  if (data.size() < 2 || data[0] != 0x30) return false;
  std::size_t length = data[1], header = 2;
  if (length & 0x80) {
    const std::size_t octets = length & 0x7f;
    if (octets == 0 || octets > 4 || data.size() < 2 + octets) return false;
    length = 0;
    for (std::size_t i = 0; i < octets; ++i) length = (length << 8) | data[2 + i];
    header += octets;
  }
  return header + length == data.size();
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// One line of the block without indentation, comment markers, quotes and trailing commas. "//"
// is a marker only in a block commented with it (`slashes`), and only once per line: base64
// itself may start a line with "//".
std::string_view strip_decoration(std::string_view line, bool slashes) {
  for (bool changed = true; changed;) {
    changed = false;
    while (!line.empty() && is_blank(line.front())) line.remove_prefix(1), changed = true;
    while (!line.empty() && is_blank(line.back())) line.remove_suffix(1), changed = true;
    if (slashes && starts_with(line, "//")) line.remove_prefix(2), slashes = false, changed = true;
    for (const std::string_view marker : {"#", ";", "\"", "'", "|", ">"})
      if (starts_with(line, marker)) line.remove_prefix(marker.size()), changed = true;
    for (const char tail : {'"', '\'', ',', '\\'})
      if (!line.empty() && line.back() == tail) line.remove_suffix(1), changed = true;
  }
  return line;
}

// `text` cut at its line breaks, the last line included even when empty.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    auto stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    lines.push_back(text.substr(start, stop - start));
    start = stop + 1;
  }
  return lines;
}

// Whether the block is commented with "//": its first line that is not blank starts with it
// after the other markers. The first line of every key's base64 starts with a letter (DER's
// 0x30 is "M", OpenSSH's "b3Bl", OpenPGP's "l" or "x") or is a header, never with '/'.
bool slash_commented(const std::vector<std::string_view>& lines) {
  for (const auto raw : lines)
    if (const auto line = strip_decoration(raw, false); !line.empty())
      return starts_with(line, "//");
  return false;
}

}  // namespace

bool holds_private_key(std::string_view body) {
  body = body.substr(0, body.find("-----END "));
  // "\n" escapes (a key inside a JSON or YAML double-quoted string) are line breaks too.
  std::string text;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == 'n') {
      text += '\n';
      ++i;
    } else {
      text += body[i];
    }
  }
  const auto lines = lines_of(text);
  const bool slashes = slash_commented(lines);
  std::string base64;
  bool encrypted = false;
  for (const auto raw : lines) {
    const auto line = strip_decoration(raw, slashes);
    if (line.empty()) continue;
    if (line.find(':') != std::string_view::npos) {  // a PEM or armor header: "Proc-Type: ..."
      encrypted |= starts_with(line, "Proc-Type:") && line.find("ENCRYPTED") != line.npos;
      continue;
    }
    if (line.front() == '=' && line.size() == 5) continue;  // an OpenPGP armor checksum
    base64 += line;
  }
  const auto data = decode_base64(base64);
  if (!data || data->size() < 16) return false;
  if (encrypted) return data->size() % 8 == 0;
  constexpr std::string_view kOpenSsh{"openssh-key-v1\0", 15};
  if (data->size() > kOpenSsh.size() &&
      std::string_view(reinterpret_cast<const char*>(data->data()), kOpenSsh.size()) == kOpenSsh)
    return true;
  // An OpenPGP secret-key packet: tag 5 in the old (0x94-0x97) or the new (0xc5) format.
  if (((*data)[0] & 0xfc) == 0x94 || (*data)[0] == 0xc5) return true;
  return is_der_sequence(*data);
}

}  // namespace gitopsgen
