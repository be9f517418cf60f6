package partner

import "github.com/jalin-ksd/jalin/taxonomy"

// urusanSectors links a government affair (taxonomy.Urusans) to the GRDP
// business fields whose basis status says something about cooperation on
// it. The link is a judgement, kept small on purpose: affairs without a
// clear business field (civil registration, archives, investment, SMEs,
// which span every field) have none, and partner search for them rests on
// proximity and existing cooperation alone.
var urusanSectors = map[string][]string{
	"1.01": {"P"},      // Pendidikan → Jasa Pendidikan
	"1.02": {"Q"},      // Kesehatan → Jasa Kesehatan
	"1.03": {"F", "E"}, // PU dan Penataan Ruang → Konstruksi, Pengadaan Air
	"1.04": {"F", "L"}, // Perumahan → Konstruksi, Real Estat
	"2.09": {"A"},      // Pangan
	"2.11": {"E"},      // Lingkungan Hidup → Pengelolaan Sampah dan Limbah
	"2.15": {"H"},      // Perhubungan → Transportasi
	"2.16": {"J"},      // Komunikasi dan Informatika
	"3.25": {"A"},      // Kelautan dan Perikanan
	"3.26": {"I"},      // Pariwisata → Akomodasi dan Makan Minum
	"3.27": {"A"},      // Pertanian
	"3.28": {"A"},      // Kehutanan
	"3.29": {"B", "D"}, // ESDM → Pertambangan, Listrik dan Gas
	"3.30": {"G"},      // Perdagangan
	"3.31": {"C"},      // Perindustrian → Industri Pengolahan
}

// UrusanSectors returns the sector codes (taxonomy.Sector.Code) that
// Options.Urusan narrows the economic parts to; ok is false for a code that
// is not an urusan. A known affair may have no sectors.
func UrusanSectors(code string) (sectors []string, ok bool) {
	if _, known := taxonomy.UrusanByCode(code); !known {
		return nil, false
	}
	return append([]string(nil), urusanSectors[code]...), true
}

// sameSector compares sector keys in either BPS spelling ("M,N" = "M_N").
func sameSector(a, b string) bool {
	if a == b {
		return true
	}
	sa, oka := taxonomy.SectorByCode(a)
	sb, okb := taxonomy.SectorByCode(b)
	return oka && okb && sa.Code == sb.Code
}
