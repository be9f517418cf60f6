// Package taxonomy holds the reference lists that cooperation between
// regions is about: the business fields of the regional economy (the BPS
// GRDP categories) and the government affairs that regions carry out
// (urusan pemerintahan). Both lists are fixed by statute or by BPS
// publication practice and change only with a new law or base year, so they
// are code, not data.
package taxonomy

// Sector is one business-field category (lapangan usaha) of the BPS regional
// GDP (PDRB) series with base year 2010, which follows the sections of KBLI
// 2009. BPS publishes 17 categories: 15 single KBLI sections plus two merged
// groups, M+N ("Jasa Perusahaan") and R+S+T+U ("Jasa Lainnya").
//
// Code is a stable identifier made only of letters and underscores, safe in
// URLs, file names and database keys: the section letter, or the merged
// letters joined by "_" ("M_N", "R_S_T_U"). BPS itself writes the merged
// codes with commas ("M,N", "R,S,T,U"); see BPSCode. NameID is the label BPS
// uses in its tables, NameEN an English rendering.
type Sector struct {
	Code   string
	NameID string
	NameEN string
}

// BPSCode returns the category code as BPS writes it, with commas between
// merged sections: "A", ..., "M,N", ..., "R,S,T,U". It matches the kategori
// column of the PDRB-by-business-field tables.
func (s Sector) BPSCode() string {
	b := []byte(s.Code)
	for i, c := range b {
		if c == '_' {
			b[i] = ','
		}
	}
	return string(b)
}

var sectors = []Sector{
	{"A", "Pertanian, Kehutanan, dan Perikanan", "Agriculture, Forestry and Fishing"},
	{"B", "Pertambangan dan Penggalian", "Mining and Quarrying"},
	{"C", "Industri Pengolahan", "Manufacturing"},
	{"D", "Pengadaan Listrik dan Gas", "Electricity and Gas"},
	{"E", "Pengadaan Air, Pengelolaan Sampah, Limbah dan Daur Ulang", "Water Supply, Sewerage, Waste Management and Remediation Activities"},
	{"F", "Konstruksi", "Construction"},
	{"G", "Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor", "Wholesale and Retail Trade; Repair of Motor Vehicles and Motorcycles"},
	{"H", "Transportasi dan Pergudangan", "Transportation and Storage"},
	{"I", "Penyediaan Akomodasi dan Makan Minum", "Accommodation and Food Service Activities"},
	{"J", "Informasi dan Komunikasi", "Information and Communication"},
	{"K", "Jasa Keuangan dan Asuransi", "Financial and Insurance Activities"},
	{"L", "Real Estat", "Real Estate Activities"},
	{"M_N", "Jasa Perusahaan", "Business Activities"},
	{"O", "Administrasi Pemerintahan, Pertahanan, dan Jaminan Sosial Wajib", "Public Administration and Defence; Compulsory Social Security"},
	{"P", "Jasa Pendidikan", "Education"},
	{"Q", "Jasa Kesehatan dan Kegiatan Sosial", "Human Health and Social Work Activities"},
	{"R_S_T_U", "Jasa Lainnya", "Other Services Activities"},
}

// Sectors returns the 17 GRDP business-field categories in BPS order
// (A to R,S,T,U). The slice is a fresh copy.
func Sectors() []Sector {
	return append([]Sector(nil), sectors...)
}

// SectorByCode returns the category with the given code. It accepts the
// stable code ("M_N") and the BPS spelling ("M,N"), in upper case.
func SectorByCode(code string) (Sector, bool) {
	for _, s := range sectors {
		if s.Code == code || s.BPSCode() == code {
			return s, true
		}
	}
	return Sector{}, false
}

// UrusanClass is the class of a government affair under UU 23/2014 Pasal 11
// and 12.
type UrusanClass string

const (
	// WajibDasar: mandatory affairs concerning basic services (Pasal 12(1)).
	WajibDasar UrusanClass = "wajib_dasar"
	// WajibNonDasar: mandatory affairs not concerning basic services (Pasal 12(2)).
	WajibNonDasar UrusanClass = "wajib_non_dasar"
	// Pilihan: optional affairs, taken up according to regional potential (Pasal 12(3)).
	Pilihan UrusanClass = "pilihan"
)

// Urusan is one concurrent government affair (urusan pemerintahan konkuren)
// that provinces and kabupaten/kota carry out, as listed in UU 23/2014
// Pasal 12. Code is its number in the Permendagri 90/2019 classification:
// the first digit is the class (1 wajib pelayanan dasar, 2 wajib non
// pelayanan dasar, 3 pilihan) and the two digits after the dot number the
// affairs 01 to 32.
type Urusan struct {
	Code   string
	NameID string
	NameEN string
	Class  UrusanClass
}

var urusans = []Urusan{
	{"1.01", "Pendidikan", "Education", WajibDasar},
	{"1.02", "Kesehatan", "Health", WajibDasar},
	{"1.03", "Pekerjaan Umum dan Penataan Ruang", "Public Works and Spatial Planning", WajibDasar},
	{"1.04", "Perumahan Rakyat dan Kawasan Permukiman", "Public Housing and Residential Areas", WajibDasar},
	{"1.05", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", "Peace, Public Order and Community Protection", WajibDasar},
	{"1.06", "Sosial", "Social Affairs", WajibDasar},

	{"2.07", "Tenaga Kerja", "Manpower", WajibNonDasar},
	{"2.08", "Pemberdayaan Perempuan dan Pelindungan Anak", "Women's Empowerment and Child Protection", WajibNonDasar},
	{"2.09", "Pangan", "Food", WajibNonDasar},
	{"2.10", "Pertanahan", "Land Affairs", WajibNonDasar},
	{"2.11", "Lingkungan Hidup", "Environment", WajibNonDasar},
	{"2.12", "Administrasi Kependudukan dan Pencatatan Sipil", "Population Administration and Civil Registration", WajibNonDasar},
	{"2.13", "Pemberdayaan Masyarakat dan Desa", "Community and Village Empowerment", WajibNonDasar},
	{"2.14", "Pengendalian Penduduk dan Keluarga Berencana", "Population Control and Family Planning", WajibNonDasar},
	{"2.15", "Perhubungan", "Transportation", WajibNonDasar},
	{"2.16", "Komunikasi dan Informatika", "Communication and Informatics", WajibNonDasar},
	{"2.17", "Koperasi, Usaha Kecil, dan Menengah", "Cooperatives and Small and Medium Enterprises", WajibNonDasar},
	{"2.18", "Penanaman Modal", "Investment", WajibNonDasar},
	{"2.19", "Kepemudaan dan Olah Raga", "Youth and Sports", WajibNonDasar},
	{"2.20", "Statistik", "Statistics", WajibNonDasar},
	{"2.21", "Persandian", "Cryptography", WajibNonDasar},
	{"2.22", "Kebudayaan", "Culture", WajibNonDasar},
	{"2.23", "Perpustakaan", "Libraries", WajibNonDasar},
	{"2.24", "Kearsipan", "Archives", WajibNonDasar},

	{"3.25", "Kelautan dan Perikanan", "Marine Affairs and Fisheries", Pilihan},
	{"3.26", "Pariwisata", "Tourism", Pilihan},
	{"3.27", "Pertanian", "Agriculture", Pilihan},
	{"3.28", "Kehutanan", "Forestry", Pilihan},
	{"3.29", "Energi dan Sumber Daya Mineral", "Energy and Mineral Resources", Pilihan},
	{"3.30", "Perdagangan", "Trade", Pilihan},
	{"3.31", "Perindustrian", "Industry", Pilihan},
	{"3.32", "Transmigrasi", "Transmigration", Pilihan},
}

// Urusans returns the 32 concurrent government affairs in code order. The
// slice is a fresh copy.
func Urusans() []Urusan {
	return append([]Urusan(nil), urusans...)
}

// UrusanByCode returns the affair with the given code, such as "1.02".
func UrusanByCode(code string) (Urusan, bool) {
	for _, u := range urusans {
		if u.Code == code {
			return u, true
		}
	}
	return Urusan{}, false
}
