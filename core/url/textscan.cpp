#include "url/textscan.h"

namespace rd {

using namespace Qt::StringLiterals;

namespace {

bool isControl(char32_t value)
{
    const QChar::Category category = QChar::category(value);
    return category == QChar::Other_Control || category == QChar::Other_Surrogate;
}

bool isInvisibleFormat(char32_t value)
{
    return QChar::category(value) == QChar::Other_Format;
}

bool isPlaceholderBracket(char32_t value)
{
    return value == u'<' || value == u'>' || value == u'{' || value == u'}';
}

// "<rtmp://...>" as mail programs and Markdown write links: the brackets wrap, they are not a placeholder.
bool opensWrappedLink(QStringView text, qsizetype index)
{
    if (index >= text.size() || text[index] != u'<')
        return false;
    const QStringView rest = text.sliced(index + 1);
    const qsizetype separator = rest.indexOf(u"://");
    if (separator <= 0 || separator > 16)
        return false;
    for (qsizetype i = 0; i < separator; ++i) {
        if (!rest[i].isLetterOrNumber() && rest[i] != u'+' && rest[i] != u'-' && rest[i] != u'.')
            return false;
    }
    return true;
}

} // namespace

CodePoint codePointAt(QStringView text, qsizetype index)
{
    const QChar c = text[index];
    if (c.isHighSurrogate() && index + 1 < text.size() && text[index + 1].isLowSurrogate())
        return {QChar::surrogateToUcs4(c, text[index + 1]), 2};
    return {c.unicode(), 1};
}

CodePoint codePointBefore(QStringView text, qsizetype index)
{
    const QChar c = text[index - 1];
    if (c.isLowSurrogate() && index >= 2 && text[index - 2].isHighSurrogate())
        return {QChar::surrogateToUcs4(text[index - 2], c), 2};
    return {c.unicode(), 1};
}

bool isLineBreak(char32_t value)
{
    return value == u'\n' || value == u'\r' || value == 0x0085 || value == 0x2028 || value == 0x2029;
}

bool isQuoteMark(char32_t value)
{
    switch (value) {
    case u'"':
    case u'\'':
    case u'`':
    case 0x00AB: // « »
    case 0x00BB:
    case 0x2018: // ‘ ’ ‚ ‛
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x201C: // “ ” „ ‟
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2039: // ‹ ›
    case 0x203A:
    case 0x2032: // ′ ″ (what some keyboards produce for quotes)
    case 0x2033:
    case 0x300C: // 「 」
    case 0x300D:
    case 0xFF02: // ＂ ＇
    case 0xFF07:
        return true;
    default:
        return false;
    }
}

bool isReportedByCharacterScan(char32_t value)
{
    return QChar::isSpace(value) || isControl(value) || isInvisibleFormat(value) ||
           isPlaceholderBracket(value);
}

void TextRun::touch(qsizetype from, qsizetype to)
{
    if (start < 0) {
        start = from;
        end = to;
        return;
    }
    if (closed)
        return;
    if (from == end)
        end = to;
    else if (to == start)
        start = from;
    else
        closed = true;
}

CharacterScan scanCharacters(QStringView text)
{
    CharacterScan scan;
    qsizetype begin = 0;
    qsizetype end = text.size();
    bool wrappedLink = false;

    while (begin < end) {
        const CodePoint cp = codePointAt(text, begin);
        if (QChar::isSpace(cp.value))
            scan.leadingSpace.touch(begin, begin + cp.width);
        else if (isQuoteMark(cp.value))
            scan.quotes.touch(begin, begin + cp.width);
        else if (isInvisibleFormat(cp.value))
            scan.invisible.touch(begin, begin + cp.width);
        else if (!wrappedLink && opensWrappedLink(text, begin)) {
            wrappedLink = true;
            scan.quotes.touch(begin, begin + cp.width);
        } else
            break;
        begin += cp.width;
    }
    bool closedLink = false;
    while (end > begin) {
        const CodePoint cp = codePointBefore(text, end);
        const qsizetype from = end - cp.width;
        if (QChar::isSpace(cp.value))
            scan.trailingSpace.touch(from, end);
        else if (isQuoteMark(cp.value))
            scan.quotes.touch(from, end);
        else if (isInvisibleFormat(cp.value))
            scan.invisible.touch(from, end);
        else if (wrappedLink && !closedLink && cp.value == u'>') {
            closedLink = true;
            scan.quotes.touch(from, end);
        } else
            break;
        end = from;
    }
    scan.begin = begin;
    scan.end = end;

    for (qsizetype i = begin; i < end;) {
        const CodePoint cp = codePointAt(text, i);
        const qsizetype next = i + cp.width;
        if (isLineBreak(cp.value)) {
            scan.lineBreak.touch(i, next);
        } else if (QChar::isSpace(cp.value)) {
            scan.innerSpace.touch(i, next);
        } else if (isControl(cp.value)) {
            if (!scan.control.found())
                scan.firstControlIsNul = cp.value == 0;
            scan.control.touch(i, next);
        } else if (isInvisibleFormat(cp.value)) {
            scan.invisible.touch(i, next);
        } else if (isPlaceholderBracket(cp.value)) {
            scan.placeholder.touch(i, next);
        }
        i = next;
    }
    return scan;
}

QString makeVisible(const QString& text)
{
    QString visible;
    visible.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        const CodePoint cp = codePointAt(text, i);
        const bool hidden = isControl(cp.value) || isInvisibleFormat(cp.value) ||
                            (QChar::isSpace(cp.value) && cp.value != u' ');
        if (hidden)
            visible += u"<U+%1>"_s.arg(static_cast<uint>(cp.value), 4, 16, QLatin1Char('0')).toUpper();
        else
            visible += QStringView(text).sliced(i, cp.width);
        i += cp.width;
    }
    return visible;
}

} // namespace rd
