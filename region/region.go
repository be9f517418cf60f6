// Package region is Indonesia's official administrative-area reference
// (Kemendagri codes, from the npm package idn-area-data): 38 provinces,
// 514 regencies/cities, 7,285 districts and 83,762 villages. The reference is
// embedded in the binary and held in memory as a Directory; the database
// keeps a copy only so that other tables can reference region codes.
package region

// Level is the depth of a region in the tree.
type Level int

const (
	Province Level = 1 // provinsi, code "11"
	Regency  Level = 2 // kabupaten/kota, code "11.01"
	District Level = 3 // kecamatan (distrik in Papua), code "11.01.01"
	Village  Level = 4 // desa/kelurahan, code "11.01.01.2001"
)

// Kind says what sort of region it is within its level.
type Kind string

const (
	KindProvince  Kind = "provinsi"
	KindKabupaten Kind = "kabupaten"
	KindKota      Kind = "kota"
	KindDistrict  Kind = "kecamatan"
	KindDesa      Kind = "desa"
	KindKelurahan Kind = "kelurahan"
)

// Region is one administrative area. Parent is "" for provinces.
type Region struct {
	Code   string
	Name   string
	Level  Level
	Kind   Kind
	Parent string
}
