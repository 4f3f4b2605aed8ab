/* TEST-ONLY STAND-IN, never shipped to users: built by build/wine/setup.sh with mingw and copied
   into the Wine prefix's system32, only so that qdesk's Windows build can be tested under Wine 8.0.
   Real Windows 10 and later ship the real icuuc.dll; Wine 8.0 has none, and Qt6Core.dll (PySide6
   >= 6.11 wheels) will not load without it. */
/* Test-only stand-in for Windows 10's system icuuc.dll, which Wine 8.0 lacks and Qt6Core.dll
   (PySide6 >= 6.11 wheels) imports. Every converter is "not available": Qt then keeps to its
   built-in codecs (UTF-8/16/32, Latin-1, System). */
#include <stddef.h>
#include <stdint.h>
typedef int UErrorCode;
typedef void UConverter;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)
static int fail(UErrorCode *e) { if (e && *e <= 0) *e = U_FILE_ACCESS_ERROR; return 0; }
EXPORT UConverter *ucnv_open(const char *n, UErrorCode *e) { fail(e); return NULL; }
EXPORT void ucnv_close(UConverter *c) {}
EXPORT void ucnv_reset(UConverter *c) {}
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { return 4; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *e) { fail(e); return NULL; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, void **a, const void **b) { if (a) *a = NULL; if (b) *b = NULL; }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, void **a, const void **b) { if (a) *a = NULL; if (b) *b = NULL; }
EXPORT void ucnv_setToUCallBack(UConverter *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *e) { fail(e); }
EXPORT void ucnv_setFromUCallBack(UConverter *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *e) { fail(e); }
EXPORT void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *e) { fail(e); }
EXPORT void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *l, int32_t o, UErrorCode *e) { fail(e); }
EXPORT void ucnv_toUnicode(UConverter *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { fail(e); }
EXPORT void ucnv_fromUnicode(UConverter *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *e) { fail(e); }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *e) { return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *e) { return 0; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { fail(e); return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t i) { return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const void *cu, int32_t l, int32_t cp, int r, UErrorCode *e) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *cb, int32_t l, int r, UErrorCode *e) {}
