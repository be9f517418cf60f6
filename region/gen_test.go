package region

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// srcDir is the idn-area-data directory, relative to this package.
const srcDir = "../node_modules/idn-area-data/data"

// TestGeneratedFileIsReproducible regenerates the data file from the CSV
// files and checks that it is byte-identical to the embedded one, as CI does
// with git diff. It needs the npm packages and the go command.
func TestGeneratedFileIsReproducible(t *testing.T) {
	if _, err := os.Stat(filepath.Join(srcDir, "villages.csv")); err != nil {
		t.Skipf("idn-area-data not installed (%v); run npm ci at the repository root", err)
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	out := filepath.Join(t.TempDir(), "regions.gz")
	cmd := exec.Command(goCmd, "run", "./gen", "-src", srcDir, "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator failed: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, regionsGz) {
		t.Fatalf("regenerated file (%d bytes) differs from embedded data/regions.gz (%d bytes); run go generate ./region",
			len(got), len(regionsGz))
	}
}
