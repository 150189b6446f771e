// Messages over a pipe: a 4-byte little-endian length, then the message. The
// server and each drill's worker process talk this way (one request, one reply).
#pragma once

#include <google/protobuf/message_lite.h>

#include <cstdint>
#include <string>

namespace netdrill::wire {

/// @brief The largest frame either side accepts (a long drill's result JSON is a few MB).
inline constexpr std::uint32_t kMaxFrameBytes = 64u << 20;

/// @brief Writes one frame; false when the pipe is closed.
bool WriteFrame(int fd, const google::protobuf::MessageLite& message);
/// @brief Reads one frame into `message`; false (and why) at the end of the pipe, on a frame
/// past kMaxFrameBytes, or on bytes that do not parse.
bool ReadFrame(int fd, google::protobuf::MessageLite& message, std::string& error);

}  // namespace netdrill::wire
