package io.tessera.catalog.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.raster.CellType.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"bool", "int8raw", "int8", "uint8raw", "uint8", "int16raw", "int16", "uint16raw", "uint16",
        "int32raw", "int32", "float32raw", "float32", "float64raw", "float64", "int8ud-5", "uint8ud255", "int16ud-9999",
        "uint16ud65535", "int32ud-2147483648", "float32ud-9999.0", "float32ud-3.3999999521443642E38",
        "float32ud0.10000000149011612", "float64ud-9999.0", "float64ud1.0E-5", "int8ud-128", "uint8ud0"})
    void namesRoundTrip(String name) {
        assertEquals(name, CellType.fromName(name).name());
    }

    @ParameterizedTest
    @CsvSource({
        "boolraw, bool",
        "uint8ud-1, uint8ud255",
        "int8ud200, int8ud-56",
        "uint16ud-1, uint16ud65535",
        "int16ud40000, int16ud-25536",
        "float32udNaN, float32",
        "float64udNaN, float64",
        "float32ud-3.4E38, float32ud-3.3999999521443642E38",
        "float32ud0.1, float32ud0.10000000149011612",
        "float64ud0.1, float64ud0.1"
    })
    void parsingNormalisesAsGeoTrellis(String in, String out) {
        assertEquals(out, CellType.fromName(in).name());
    }

    @Test
    void userNoDataEqualToDefaultStaysUserDefined() {
        CellType t = CellType.fromName("int8ud-128");
        assertEquals(CellType.NoData.USER, t.noData());
        assertNotEquals(CellType.INT8, t);
    }

    @Test
    void accessors() {
        CellType t = CellType.fromName("uint8ud255");
        assertEquals(DataType.UINT8, t.dataType());
        assertEquals(255.0, t.noDataValue());
        assertTrue(t.hasNoData());
        assertFalse(CellType.FLOAT32_RAW.hasNoData());
        assertFalse(CellType.BOOL.hasNoData());
        assertTrue(Double.isNaN(CellType.FLOAT64.noDataValue()));
        assertEquals(Integer.MIN_VALUE, (int) CellType.INT32.noDataValue());
        assertEquals(CellType.of(DataType.INT16), CellType.fromName("int16"));
        assertEquals(CellType.withNoData(DataType.UINT8, -1), CellType.fromName("uint8ud255"));
        assertEquals(CellType.FLOAT32, CellType.withNoData(DataType.FLOAT32, Double.NaN));
        assertEquals(CellType.fromName("float32ud-9999.0").hashCode(), CellType.fromName("float32ud-9999").hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "uint32", "int8udx", "float32ud", "Float32", "int16ud1.5", "int8 ", "bit"})
    void badNamesAreRejectedWithTheName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CellType.fromName(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }

    @Test
    void boolHasNoNoData() {
        assertThrows(IllegalArgumentException.class, () -> CellType.withNoData(DataType.BOOL, 0));
        assertThrows(IllegalArgumentException.class, () -> CellType.withNoData(DataType.INT16, 1.5));
    }
}
