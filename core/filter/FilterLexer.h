#pragma once
// Splits filter text into tokens, each with its character position so errors can point at it.

#include <QString>
#include <QVector>

namespace tuyascope::filter {

struct FilterToken {
    enum Kind {
        Word,      // key, keyword or bare literal: dp.id, and, contains, mcu, mcu->module
        Number,    // 20, -3, 0x07, 3.4 (validated by the parser)
        String,    // "..." or '...', text holds the unescaped value
        LParen, RParen, LBrace, RBrace, LBracket, RBracket,
        Dot,       // '.' after ']' in dp[20].value
        DotDot,    // '..' in a set range {1..5}
        Comma,
        Eq, Ne, Lt, Le, Gt, Ge, Tilde, // == != < <= > >= ~
        AndAnd, OrOr, Bang,
        End,
    };
    Kind kind = End;
    QString text;      // source spelling (String: the unescaped value)
    int position = 0;  // index of the first character in the filter text
    int length = 0;    // characters in the filter text
};

struct FilterLexResult {
    QVector<FilterToken> tokens; // ends with an End token when ok
    QString error;
    int errorPosition = -1;
    int errorLength = 0;
};

FilterLexResult lexFilter(const QString& text);

} // namespace tuyascope::filter
