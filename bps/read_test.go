package bps

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	jalin "github.com/jalin-ksd/jalin"
)

const luCSV = `tahun,tingkat,kode_wilayah,nama_wilayah,kode_provinsi,nama_provinsi,pulau,kategori,nilai_miliar_rp,qa_flag
2014,kabkota,3522,Bojonegoro,3500,Provinsi Jawa Timur,Pulau Jawa-Bali,B,1829640,sum_of_sectors_differs
2014,kabkota,3522,Bojonegoro,3500,Provinsi Jawa Timur,Pulau Jawa-Bali,"M,N",120.5,
2014,kabkota,3522,Bojonegoro,3500,Provinsi Jawa Timur,Pulau Jawa-Bali,TOTAL,39934.83,
2014,provinsi,9100,Provinsi Papua Barat,9100,Provinsi Papua Barat,Pulau Papua,A,1,
2014,provinsi,9100,Provinsi Papua Barat,9100,Provinsi Papua Barat,Pulau Papua,B,1,
2014,kabkota,1199,Atlantis,1100,Provinsi Aceh,Pulau Sumatera,A,1,
2014,nasional,9999,Nasional,9999,Nasional,Nasional,TOTAL,8564866.6,national_total_includes_net_taxes_on_products
`

func TestReadBusinessField(t *testing.T) {
	rows, fs, err := ReadBusinessField(crosswalk(t), strings.NewReader(luCSV), "lu.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Region: "35.22", BPSCode: "3522", Indicator: "pdrb_adhk_lu:B", Year: 2014, Value: 1829640, Unit: UnitMiliar, Line: 2, File: "lu.csv", SourceFlag: "sum_of_sectors_differs"},
		{Region: "35.22", BPSCode: "3522", Indicator: "pdrb_adhk_lu:M_N", Year: 2014, Value: 120.5, Unit: UnitMiliar, Line: 3, File: "lu.csv"},
		{Region: "35.22", BPSCode: "3522", Indicator: IndLUTotal, Year: 2014, Value: 39934.83, Unit: UnitMiliar, Line: 4, File: "lu.csv"},
		{Region: NationalCode, BPSCode: "9999", Indicator: IndLUTotal, Year: 2014, Value: 8564866.6, Unit: UnitMiliar, Line: 8, File: "lu.csv", SourceFlag: "national_total_includes_net_taxes_on_products"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	if len(fs) != 2 || fs[0].Kind != KindUnmappedRegion || fs[0].Line != 5 || !strings.Contains(fs[0].Detail, "2 rows") ||
		fs[1].Kind != KindUnknownCode || fs[1].Line != 7 {
		t.Errorf("findings %+v", fs)
	}
}

func TestReadExpenditureAndPerCapita(t *testing.T) {
	exp := `kode_wilayah,nama_wilayah,tahun,periode,harga,komponen,nilai_juta_rp
1101,Simeulue,2010,Tahun,ADHB,Net_Ekspor,-836113.43
1101,Simeulue,2010,Tahun,ADHB,PDRB,1078217.23
3100,DKI JAKARTA,2019,Triwulan I,ADHK2010,PDRB,1
3100,DKI JAKARTA,2019,Tahunan,ADHK2010,PDRB,1836240000
`
	rows, fs, err := ReadExpenditure(crosswalk(t), strings.NewReader(exp), "exp.csv")
	if err != nil || len(fs) != 0 || len(rows) != 2 {
		t.Fatalf("rows %+v, findings %+v, err %v", rows, fs, err)
	}
	if r := rows[0]; r.Region != "11.09" || r.Indicator != IndADHBTotal || r.Unit != UnitJuta || r.Line != 3 {
		t.Errorf("row 0 %+v", r)
	}
	if r := rows[1]; r.Region != "31" || r.Indicator != IndADHKTotal || r.Line != 5 {
		t.Errorf("row 1 %+v", r)
	}

	pc := "kode_wilayah,nama_wilayah,tahun,harga,nilai_ribu_rp\n9200,PAPUA BARAT DAYA,2023,ADHK2010,38868.83\n"
	rows, _, err = ReadPerCapita(crosswalk(t), strings.NewReader(pc), "pc.csv")
	if err != nil || len(rows) != 1 || rows[0].Region != "96" || rows[0].Indicator != IndADHKPerCapita || rows[0].Unit != UnitRibu {
		t.Errorf("per capita %+v, %v", rows, err)
	}
}

func TestReadPopulationSemesters(t *testing.T) {
	src := `kode_wilayah,nama_wilayah_bps,provinsi_sumber,kabkota_sumber,tahun,semester,jumlah_penduduk,kepadatan_per_km2,catatan
1101,Simeulue,ACEH,SIMEULUE,2021,1,95000,1,
1101,Simeulue,ACEH,SIMEULUE,2021,2,96000,1,
1101,Simeulue,ACEH,SIMEULUE,2022,1,97000,1,
6213,Murung Raya,KALTENG,X,2020,2,283466,1,duplicate label
`
	rows, fs, err := ReadPopulation(crosswalk(t), strings.NewReader(src), "pop.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Value != 96000 || rows[1].Year != 2022 || rows[2].SourceFlag != "duplicate label" {
		t.Errorf("rows %+v", rows)
	}
	if len(fs) != 1 || fs[0].Kind != KindSkipped || fs[0].Year != 2021 || fs[0].Line != 2 {
		t.Errorf("findings %+v", fs)
	}
}

// TestReadCodeNameConflict: one BPS code whose names land on two
// regencies in one file is refused the second time.
func TestReadCodeNameConflict(t *testing.T) {
	src := "kode_wilayah,nama_wilayah,tahun,harga,nilai_ribu_rp\n3204,Bandung,2020,ADHB,1\n3204,Bogor,2021,ADHB,1\n"
	rows, fs, err := ReadPerCapita(crosswalk(t), strings.NewReader(src), "c.csv")
	if err != nil || len(rows) != 1 || len(fs) != 1 || fs[0].Line != 3 || !strings.Contains(fs[0].Detail, "earlier in this file") {
		t.Errorf("rows %+v, findings %+v, err %v", rows, fs, err)
	}
}

func TestReadErrorsHavePosition(t *testing.T) {
	head := "tahun,tingkat,kode_wilayah,nama_wilayah,kode_provinsi,nama_provinsi,pulau,kategori,nilai_miliar_rp\n"
	ok := "2014,kabkota,3522,Bojonegoro,3500,P,J,A,1\n"
	cases := []struct{ name, src, pos string }{
		{"number", head + ok + "2014,kabkota,3522,Bojonegoro,3500,P,J,B,1.2.3\n", "f.csv:3:41"},
		{"year", head + "20x4,kabkota,3522,Bojonegoro,3500,P,J,A,1\n", "f.csv:2:1"},
		{"sector", head + "2014,kabkota,3522,Bojonegoro,3500,P,J,Z,1\n", "f.csv:2:39"},
		{"quote", head + ok + "2014,kabkota,3522,\"Bojo\"x,3500,P,J,A,1\n", "f.csv:3:24"},
		{"column", "tahun,kode_wilayah\n", "f.csv:1:1"},
		{"empty", "", "f.csv:0:0"},
	}
	for _, c := range cases {
		_, _, err := ReadBusinessField(crosswalk(t), strings.NewReader(c.src), "f.csv")
		var je *jalin.Error
		if !errors.As(err, &je) || je.Code != jalin.EInvalid || len(je.Args) != 1 || je.Args[0] != c.pos {
			t.Errorf("%s: err %v, want EInvalid at %s", c.name, err, c.pos)
		}
	}
}

func TestCanonicalRoundTrip(t *testing.T) {
	rows, _, err := Read(crosswalk(t), strings.NewReader(luCSV), "lu.csv")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCanonical(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "region,indicator,year,value,unit\n35.22,pdrb_adhk_lu:B,2014,1829640,miliar Rp\n") {
		t.Errorf("canonical:\n%s", buf.String())
	}
	back, fs, err := Read(crosswalk(t), &buf, "c.csv")
	if err != nil || len(fs) != 0 || len(back) != len(rows) {
		t.Fatalf("back %d rows, findings %+v, err %v", len(back), fs, err)
	}
	for i := range rows {
		a, b := rows[i], back[i]
		if a.Region != b.Region || a.Indicator != b.Indicator || a.Year != b.Year || a.Value != b.Value || a.Unit != b.Unit {
			t.Errorf("row %d: %+v != %+v", i, a, b)
		}
	}
}

func TestReadCanonical(t *testing.T) {
	src := "Region,Indicator,Year,Value,Unit\n32.04,population,2020,3600000,jiwa\n32.99,population,2020,1,\n00,pdrb_adhk_lu_total,2020,1,miliar Rp\n"
	rows, fs, err := ReadCanonical(crosswalk(t), strings.NewReader(src), "c.csv")
	if err != nil || len(rows) != 2 || len(fs) != 1 || fs[0].Kind != KindUnknownCode || fs[0].Line != 3 {
		t.Errorf("rows %+v, findings %+v, err %v", rows, fs, err)
	}
	for name, src := range map[string]string{
		"indicator": "region,indicator,year,value\n32.04,pdrb,2020,1\n",
		"sector":    "region,indicator,year,value\n32.04,pdrb_adhk_lu:M,N,2020,1\n",
		"unit":      "region,indicator,year,value,unit\n32.04,pdrb_adhk_total,2020,1,miliar Rp\n",
	} {
		if _, _, err := ReadCanonical(crosswalk(t), strings.NewReader(src), "c.csv"); jalin.ErrorCode(err) != jalin.EInvalid {
			t.Errorf("%s: err %v", name, err)
		}
	}
	if _, _, err := Read(crosswalk(t), strings.NewReader("a,b\n1,2\n"), "x.csv"); jalin.ErrorCode(err) != jalin.EInvalid {
		t.Errorf("unknown layout: %v", err)
	}
}
