/* An empty ICU data library for the Linux build, in place of PySide6's 32 MB libicudata.
 *
 * Qt6Core links ICU for collation, locale-specific case mapping, legacy text codecs and
 * time zones; the app uses none of them (Qt's own CLDR data formats dates and numbers, the
 * time zones come from the system's tzdata, case mapping and normalisation data are built
 * into libicuuc itself). This is ICU's own "stubdata" header with no entries: an ICU lookup
 * that needs data fails cleanly and Qt falls back to its built-in code, as on the Windows
 * test prefix. The self-test runs against it. Compiled by build/mesa-desktop.spec. */
#include <stdint.h>

typedef struct {
    uint16_t size, reservedWord;
    uint8_t isBigEndian, charsetFamily, sizeofUChar, reservedByte;
    uint8_t dataFormat[4], formatVersion[4], dataVersion[4];
} UDataInfo;

typedef struct {
    uint16_t headerSize;
    uint8_t magic1, magic2;
    UDataInfo info;
    char padding[8];
    uint32_t count, reserved;
    int fakeNameAndData[4];
} ICU_Data_Header;

__attribute__((visibility("default"))) const ICU_Data_Header ICU_DATA_SYMBOL = {
    32, 0xda, 0x27,
    {sizeof(UDataInfo), 0, 0 /* little endian */, 0 /* ASCII */, 2, 0,
     {0x54, 0x6f, 0x43, 0x50} /* "ToCP" */, {1, 0, 0, 0}, {0, 0, 0, 0}},
    {0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, {0, 0, 0, 0}};
