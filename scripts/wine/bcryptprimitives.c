/*
 * TEST ONLY — a stand-in for Windows' bcryptprimitives.dll, for the Wine
 * prefix of scripts/wine-test.sh. Never shipped: the release runs on real
 * Windows 10/11, which has the real DLL.
 *
 * Go programs since Go 1.22 take their random numbers from ProcessPrng in
 * bcryptprimitives.dll and stop at once without it; Debian's Wine 8 has no
 * such DLL. This one exports ProcessPrng on top of advapi32's
 * SystemFunction036 (RtlGenRandom), which Wine has.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
