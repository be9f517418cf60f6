package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// valid is a tiny consistent data set, deliberately out of code order.
var valid = map[string]string{
	"provinces.csv": "code,name\n32,Jawa Barat\n11,Aceh\n",
	"regencies.csv": "code,province_code,name\n11.71,11,Kota Banda Aceh\n11.01,11,Kabupaten Aceh Selatan\n",
	"districts.csv": "code,regency_code,name\n11.01.01,11.01,Bakongan\n",
	"villages.csv":  "code,district_code,name\n11.01.01.2001,11.01.01,\"Ra\"\"as\"\n11.01.01.1001,11.01.01,Kota\n",
}

func writeSet(t *testing.T, override map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range valid {
		if o, ok := override[name]; ok {
			body = o
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuild(t *testing.T) {
	dir := writeSet(t, nil)
	out, counts, err := build(dir)
	if err != nil {
		t.Fatal(err)
	}
	if counts != [5]int{0, 2, 2, 1, 2} {
		t.Errorf("counts %v", counts)
	}
	zr, err := gzip.NewReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("gzip header has name %q, time %v", zr.Name, zr.ModTime)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	want := "11\tAceh\n11.01\tKabupaten Aceh Selatan\n11.01.01\tBakongan\n" +
		"11.01.01.1001\tKota\n11.01.01.2001\tRa\"as\n11.71\tKota Banda Aceh\n32\tJawa Barat\n"
	if string(raw) != want {
		t.Errorf("content\n%s\nwant\n%s", raw, want)
	}
	again, _, _ := build(dir)
	if !bytes.Equal(out, again) {
		t.Error("two runs differ")
	}
}

func TestBuildErrors(t *testing.T) {
	for _, c := range []struct {
		file, body, want string
	}{
		{"districts.csv", "code,regency_code,name\n11.02.01,11.02,X\n", "districts.csv:2: code \"11.02.01\": parent \"11.02\" does not exist"},
		{"provinces.csv", "code,name\n11,Aceh\n1,Bad\n", "provinces.csv:3: malformed level-1 code"},
		{"provinces.csv", "code,name\n11,Aceh\n11,Again\n", "provinces.csv:3: duplicate code \"11\""},
		{"provinces.csv", "code,name\n11,\n", "provinces.csv:2: code \"11\": empty name"},
		{"provinces.csv", "code,name\n11, Aceh\n", "provinces.csv:2: code \"11\": name \" Aceh\" has leading"},
		{"provinces.csv", "code,name\n11,\"Ac\teh\"\n", "provinces.csv:2: code \"11\": name \"Ac\\teh\" contains a control"},
		{"provinces.csv", "name,code\n11,Aceh\n", "provinces.csv:1: header"},
		{"regencies.csv", "code,province_code,name\n11.01,12,Kabupaten X\n", "regencies.csv:2: parent \"12\" does not match"},
		{"regencies.csv", "code,province_code,name\n12.01,12,Kabupaten X\n", "regencies.csv:2: code \"12.01\": parent \"12\" does not exist"},
		{"regencies.csv", "code,province_code,name\n11.01,11,Kabupaten Aceh\n11.02,11,Aceh Barat\n", "regencies.csv:3: code \"11.02\": regency name"},
		{"regencies.csv", "code,province_code,name\n11.01,11\n", "regencies.csv"},
		{"districts.csv", "code,regency_code,name\n11.01.1,11.01,X\n", "districts.csv:2: malformed level-3 code"},
		{"villages.csv", "code,district_code,name\n11.01.01.4001,11.01.01,X\n", "villages.csv:2: code \"11.01.01.4001\": village number"},
		{"villages.csv", "code,district_code,name\n11.01.01.2001,11.01.01,X\n11.01.01.2001,11.01.01,Y\n", "villages.csv:3: duplicate"},
	} {
		_, _, err := build(writeSet(t, map[string]string{c.file: c.body}))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: error %v, want it to contain %q", c.file, c.body, err, c.want)
		}
	}
}
