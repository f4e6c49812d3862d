#pragma once

#include "url/ingesturl.h"

#include <QString>
#include <QStringView>

// Character-level helpers for the URL linter: what a paste brings along besides the address.
namespace rd {

struct CodePoint
{
    char32_t value = 0;
    qsizetype width = 1; // UTF-16 code units
};

// The code point at index (a lone surrogate is returned as itself).
CodePoint codePointAt(QStringView text, qsizetype index);
// The code point that ends just before index.
CodePoint codePointBefore(QStringView text, qsizetype index);

bool isLineBreak(char32_t value);
bool isQuoteMark(char32_t value);
// Spaces, line breaks, control and invisible characters and placeholder brackets: anything the
// character scan reports on its own, so later checks need not report it again.
bool isReportedByCharacterScan(char32_t value);

// The first stretch of touching positions of one kind.
struct TextRun
{
    qsizetype start = -1;
    qsizetype end = -1;
    bool closed = false;

    void touch(qsizetype from, qsizetype to);
    bool found() const { return start >= 0; }
    TextSpan span() const { return found() ? TextSpan{start, end - start} : TextSpan{}; }
};

struct CharacterScan
{
    // The text without surrounding spaces, quotes and invisible characters.
    qsizetype begin = 0;
    qsizetype end = 0;
    TextRun leadingSpace;
    TextRun trailingSpace;
    TextRun quotes;
    TextRun invisible;
    TextRun lineBreak;
    TextRun control;
    TextRun innerSpace;
    TextRun placeholder;
    bool firstControlIsNul = false;

    bool isBlank() const { return begin >= end; }
};

CharacterScan scanCharacters(QStringView text);

// Replaces characters a terminal or a label would hide or act on with <U+XXXX>.
QString makeVisible(const QString& text);

} // namespace rd
