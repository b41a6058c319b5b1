/*
 * Built under AddressSanitizer?  GCC says so with __SANITIZE_ADDRESS__,
 * clang (the fuzz targets) only through __has_feature.  Code that reads
 * whole aligned blocks past a string's end, or keeps memory ASan should
 * see freed, takes its plain path there.  Internal to the project.
 */
#ifndef MANRS_CORE_ASAN_H
#define MANRS_CORE_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define MC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MC_ASAN 1
#endif
#endif

#endif
