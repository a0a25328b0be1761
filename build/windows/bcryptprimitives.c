/* Wine 8.0 has no bcryptprimitives.dll; Rust's standard library (in cryptography's _rust.pyd
 * and pyrage.pyd) takes its random bytes from its ProcessPrng. This stand-in, for Wine
 * prefixes only (real Windows 10 has the DLL), fills the buffer from RtlGenRandom, which Wine
 * serves from the system's random source. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
