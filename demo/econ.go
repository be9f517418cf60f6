package demo

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/bps"
)

// econFiles are the economy tables of the shared data folder the demo
// imports (see shared/data/economy/SOURCE.md): PDRB by business field
// 2013–2020, the kab/kota population 2018–2023, and the total PDRB of the
// expenditure tables at both price bases for kab/kota and provinces.
var econFiles = []string{
	"pdrb_lapangan_usaha_adhk2010_kabkota_provinsi_2013_2020.csv",
	"penduduk_kabkota_2018_2023.csv",
	"pdrb_pengeluaran_kabkota_adhk2010_2010_2023.csv",
	"pdrb_pengeluaran_kabkota_adhb_2010_2023.csv",
	"pdrb_pengeluaran_provinsi_adhk2010_2010_2024.csv",
	"pdrb_pengeluaran_provinsi_adhb_2010_2024.csv",
}

// loadEcon imports the economy tables of the shared data folder, without
// the rows the checks find suspect, when the folder is there and no
// economic data is stored yet; it never replaces stored data.
func loadEcon(ctx context.Context, a *app.App) error {
	dir := a.Config.SharedDataDir()
	if dir == "" {
		return nil
	}
	econ := filepath.Join(dir, "economy")
	if st, err := os.Stat(econ); err != nil || !st.IsDir() {
		a.Logger.Warn("demo: no economy folder in the shared data; the analysis pages stay empty", "dir", econ)
		return nil
	}
	if v, err := a.DB.EconVersion(ctx); err != nil || v != "" {
		return err
	}
	start := time.Now()
	cw, err := bps.NewCrosswalk(a.Regions)
	if err != nil {
		return err
	}
	var rows []bps.Row
	var findings []bps.Finding
	for _, name := range econFiles {
		f, err := os.Open(filepath.Join(econ, name))
		if err != nil {
			return err
		}
		rs, fs, err := bps.Read(cw, f, name)
		f.Close()
		if err != nil {
			return err
		}
		rows, findings = append(rows, rs...), append(findings, fs...)
	}
	findings = append(findings, bps.Check(rows)...)
	imp, err := a.DB.ImportEcon(ctx, rows, findings, "demo: "+strings.Join(econFiles, " "), system)
	if err != nil {
		return err
	}
	a.Logger.Info("demo: economic data imported", "values", imp.RowsKept, "suspect_rows_left_out", imp.RowsExcluded,
		"findings", len(imp.Findings), "files", len(econFiles), "took", time.Since(start).Round(time.Millisecond))
	return nil
}
