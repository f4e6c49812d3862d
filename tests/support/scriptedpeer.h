#pragma once

#include <QList>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>

namespace rd::test {

class ScriptedPeerThread;

// An in-process TCP server on 127.0.0.1:<free port> that misbehaves in one
// scripted way, for probe tests. It runs in its own thread, so the test
// thread may block (QTRY_*, waitFor*) without starving it. Every accepted
// connection follows the same behaviour independently.
//
// "C0+C1" means the first 1537 bytes a client sends; "the handshake" is the
// simple echo variant: once C0+C1 are in, the peer sends S0 = 3, S1 = 4-byte
// time + 4 zero bytes + 1528 random bytes, S2 = a copy of C1, and then waits
// for C2 (1536 more bytes). "After the handshake" = once C2 is complete.
class ScriptedPeer
{
public:
    enum class Behaviour
    {
        Silent,                         // reads everything, never writes, never closes
        CloseAfterC0C1,                 // FIN once C0+C1 are in
        ResetAfterC0C1,                 // RST once C0+C1 are in
        AnswerHttp400,                  // on the first bytes: "HTTP/1.1 400 Bad Request" + HTML, then FIN
        AnswerTlsAlert,                 // on the first bytes: TLS alert record 15 03 03 00 02 02 28
                                        // (fatal handshake_failure), then FIN
        AnswerRtmpeVersion,             // once C0+C1 are in: S0 = 0x06 + 1536 random bytes, then silent
        Garbage,                        // on the first bytes: 3073 pseudo-random bytes, the first one
                                        // 0xEE (no RTMP version), then silent
        OneBytePerSecond,               // once C0+C1 are in: the handshake reply (S0 S1 S2), one byte
                                        // per trickleInterval (default 1 s); reads on
        HandshakeThenSilent,            // handshake, then reads and never answers
        HandshakeThenGarbage,           // handshake, then 512 pseudo-random bytes starting with 0xFF
                                        // (a type-3 chunk on a chunk stream never opened), then silent
        HandshakeThenCloseAfterConnect, // handshake, then FIN once the client's first chunk message
                                        // (its `connect`) is complete -- like nginx-rtmp for an unknown app
        HandshakeThenHugeChunkSize,     // handshake, then Set Chunk Size 0x7FFFFFFF on chunk stream 2,
                                        // then silent
        HandshakeThenAnnounce16MB,      // handshake, then a type-0 chunk header on chunk stream 3
                                        // announcing a 0xFFFFFF-byte (16 MiB - 1) AMF0 command, then
                                        // one payload byte per trickleInterval
        HandshakeThenEndlessData,       // handshake, then well-formed 128-byte audio messages
                                        // (chunk stream 4, message stream 1) for as long as the client reads
        AcceptThenClose,                // FIN right after accepting
        AcceptThenReset,                // RST right after accepting

        // Hostile servers (tst_hostileserver)
        ResetMidHandshake,                     // once C0+C1 are in: S0 and the first 700 bytes of S1, then
                                               // RST (100 ms later, so the bytes arrive first)
        HandshakeThenResetMidMessage,          // handshake; once the client's first command is in: a type-0
                                               // header announcing a 300-byte AMF0 command on chunk stream 3
                                               // and 100 of its bytes, then RST (100 ms later)
        HandshakeThenCommandFlood,             // handshake; once the client's first command is in: onBWDone
                                               // and `connect` commands of its own, for as long as the client
                                               // reads -- a server answering every command with a command
        HandshakeThenAcceptThenCommandFlood,   // as HandshakeThenCommandFlood, but the flood follows a
                                               // `_result` NetConnection.Connect.Success to the first command
        HandshakeThenHugeChunkSizeThenMessage, // handshake, then Set Chunk Size 0x7FFFFFFF and one
                                               // 32 KiB audio message in a single chunk, then silent
        HandshakeThenManyPartialMessages,      // handshake, then Set Chunk Size 59000 and on chunk
                                               // streams 4..35 a type-0 header announcing a 60000-byte audio
                                               // message and 59000 of its bytes each, then silent: many
                                               // messages begun, none ended
        TlsStallMidHandshake,                  // on the first bytes (a ClientHello): a TLS handshake record
                                               // header announcing 16384 bytes and 200 of them, then silent
        HttpEndlessBody,                       // on the first bytes: HTTP/1.1 200, Content-Type
                                               // application/x-fcs, Connection: close, then body bytes for as
                                               // long as the client reads
        HttpHugeContentLength,                 // as HttpEndlessBody with Content-Length: 1099511627776
        HttpHeaderFlood,                       // on the first bytes: a status line, then header lines for as
                                               // long as the client reads
        HttpTrickleBody,                       // on the first bytes: HTTP/1.1 200 with Content-Length: 64,
                                               // then the body one byte per trickleInterval
    };

    struct Options
    {
        std::chrono::milliseconds trickleInterval{1000};
    };

    explicit ScriptedPeer(Behaviour behaviour);
    ScriptedPeer(Behaviour behaviour, Options options);
    // Closes every connection and the listening socket, then ends the thread.
    ~ScriptedPeer();

    ScriptedPeer(const ScriptedPeer&) = delete;
    ScriptedPeer& operator=(const ScriptedPeer&) = delete;

    // False when the server could not listen (see errorString()).
    bool isListening() const { return m_port != 0; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    Behaviour behaviour() const { return m_behaviour; }

    // Connections accepted so far, bytes read from all of them, bytes written
    // to all of them (handed to the socket). Safe to read from any thread.
    int connectionCount() const { return m_connections.load(); }
    qint64 bytesReceived() const { return m_bytesReceived.load(); }
    qint64 bytesSent() const { return m_bytesSent.load(); }

    static QString behaviourName(Behaviour behaviour);
    static QList<Behaviour> allBehaviours();

    // Counters shared with the peer's thread.
    struct Counters
    {
        std::atomic<int>& connections;
        std::atomic<qint64>& bytesReceived;
        std::atomic<qint64>& bytesSent;
    };

private:
    Behaviour m_behaviour;
    Options m_options;
    std::atomic<int> m_connections{0};
    std::atomic<qint64> m_bytesReceived{0};
    std::atomic<qint64> m_bytesSent{0};
    quint16 m_port = 0;
    QString m_error;
    std::unique_ptr<ScriptedPeerThread> m_thread;
};

} // namespace rd::test
