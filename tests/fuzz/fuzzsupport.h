#pragma once

// Shared by the libFuzzer targets: an invariant check that libFuzzer reports as a crash, a quiet
// Qt message handler (qWarning per input would dominate the run time; fatal messages and failed
// Q_ASSERTs still abort), and a way to take parameters from the front of the input.
#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// For the targets whose only set-up is silenceQt().
#define RD_FUZZ_QUIET_INITIALIZE()                                                                           \
    extern "C" int LLVMFuzzerInitialize(int*, char***)                                                       \
    {                                                                                                        \
        rd::fuzz::silenceQt();                                                                               \
        return 0;                                                                                            \
    }

#define FUZZ_CHECK(condition, what)                                                                          \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "fuzz invariant violated: %s [%s] at %s:%d\n", what, #condition, __FILE__,  \
                         __LINE__);                                                                          \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (0)

namespace rd::fuzz {

inline void quietMessageHandler(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

inline void silenceQt()
{
    qInstallMessageHandler(quietMessageHandler);
}

// Reads parameters from the front of the input; what is left is the payload.
class InputSplitter
{
public:
    InputSplitter(const std::uint8_t* data, std::size_t size)
        : m_data(reinterpret_cast<const char*>(data))
        , m_size(qsizetype(size))
    {}

    quint8 takeByte() { return m_position < m_size ? quint8(m_data[m_position++]) : 0; }
    quint16 takeU16()
    {
        const quint16 high = takeByte();
        return quint16(high << 8 | takeByte());
    }
    QByteArrayView take(qsizetype count)
    {
        count = qBound(qsizetype(0), count, m_size - m_position);
        const QByteArrayView part(m_data + m_position, count);
        m_position += count;
        return part;
    }
    QByteArrayView rest() { return take(m_size - m_position); }
    qsizetype remaining() const { return m_size - m_position; }

private:
    const char* m_data;
    qsizetype m_size;
    qsizetype m_position = 0;
};

inline bool isAscii(const QString& text)
{
    for (const QChar character : text) {
        if (character.unicode() >= 0x80)
            return false;
    }
    return true;
}

// A secret of at least 8 characters with a letter and a digit and no space or control character:
// text that cannot also be an ordinary word or a number, so finding it in an output is a leak
// rather than a coincidence.
inline bool isDistinctiveSecret(const QString& secret)
{
    if (secret.size() < 8)
        return false;
    bool letter = false;
    bool digit = false;
    for (const QChar character : secret) {
        if (character.isSpace() || character.unicode() < 0x20)
            return false;
        letter = letter || character.isLetter();
        digit = digit || character.isDigit();
    }
    return letter && digit;
}

} // namespace rd::fuzz
