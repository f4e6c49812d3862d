#pragma once

// RD_TSAN_QT_SUPPRESSIONS() defines __tsan_default_suppressions for a test executable; use it once
// per executable, at namespace scope, with no semicolon. It expands to nothing without TSan.
//
// Qt, GLib and QtTest are not instrumented on Debian: their futex-based locking is invisible to
// ThreadSanitizer, while the libc calls they make (memmove, realloc, free on their own queues) are
// still seen. Those calls are ignored; the engine's own hand-overs between threads go through a
// mutex the tool understands (see workerpool.cpp), so races in our code are still reported.
#if defined(__SANITIZE_THREAD__)
#define RD_TSAN_QT_SUPPRESSIONS()                                                                            \
    extern "C" const char* __tsan_default_suppressions()                                                     \
    {                                                                                                        \
        return "called_from_lib:libQt6Core.so.6\n"                                                           \
               "called_from_lib:libQt6Network.so.6\n"                                                        \
               "called_from_lib:libQt6Test.so.6\n"                                                           \
               "called_from_lib:libglib-2.0.so.0\n";                                                         \
    }
#else
#define RD_TSAN_QT_SUPPRESSIONS()
#endif
