/* TEST-ONLY STAND-IN, never shipped to users: built by build/wine/setup.sh with mingw and copied
   into the Wine prefix's system32, only so that qdesk's Windows build can be tested under Wine 8.0.
   Real Windows 10 and later ship the real bcryptprimitives.dll; Wine 8.0 lacks it, and
   cryptography's Rust core will not load without its ProcessPrng. */
/* Test-only stand-in for Windows 10's bcryptprimitives.dll (Wine 8.0 has none): ProcessPrng, which
   Rust >= 1.78's standard library imports (cryptography's _rust.pyd), via RtlGenRandom. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
