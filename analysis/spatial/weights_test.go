package spatial

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/jalin-ksd/jalin"
)

func TestContiguityErrors(t *testing.T) {
	ids := []string{"a", "b", "c"}
	tests := []struct {
		name  string
		ids   []string
		pairs [][2]string
		field string
		args  string
	}{
		{"unknown ids are all reported", ids, [][2]string{{"a", "x"}, {"y", "b"}, {"x", "c"}}, "pairs", "[[x y]]"},
		{"self pair", ids, [][2]string{{"a", "a"}}, "pairs", "[a]"},
		{"duplicate id", []string{"a", "a"}, nil, "ids", "[a]"},
		{"no regions", nil, nil, "ids", "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Contiguity(tt.ids, tt.pairs)
			var e *jalin.Error
			if !errors.As(err, &e) || e.Code != jalin.EInvalid || e.Field != tt.field {
				t.Fatalf("err = %v, want invalid %s", err, tt.field)
			}
			if got := fmt.Sprint(e.Args); got != tt.args {
				t.Errorf("args = %s, want %s", got, tt.args)
			}
		})
	}
}

func TestContiguitySymmetricIslands(t *testing.T) {
	w, err := Contiguity([]string{"a", "b", "c", "d"}, [][2]string{{"b", "a"}, {"a", "b"}, {"c", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	nb, _ := w.Neighbors(1)
	if !slices.Equal(nb, []int32{0, 2}) {
		t.Errorf("neighbours of b = %v", nb)
	}
	if got := w.Islands(); !slices.Equal(got, []int{3}) {
		t.Errorf("islands = %v", got)
	}
	if w.Links() != 2 || w.S0() != 4 {
		t.Errorf("links %d S0 %g", w.Links(), w.S0())
	}
	r := w.RowStandardize()
	_, wt := r.Neighbors(1)
	if !slices.Equal(wt, []float64{0.5, 0.5}) || r.S0() != 3 || r.Style() != RowStandardized {
		t.Errorf("row weights %v S0 %g", wt, r.S0())
	}
	if _, wt := r.Binary().Neighbors(1); !slices.Equal(wt, []float64{1, 1}) {
		t.Errorf("binary weights %v", wt)
	}
	lag, _ := r.Lag([]float64{1, 2, 3, 4})
	if !slices.Equal(lag, []float64{2, 2, 2, 0}) {
		t.Errorf("lag = %v (island lag must be 0)", lag)
	}
}

// S0, S1, S2 against the dense definitions, binary and row-standardised.
func TestWeightConstants(t *testing.T) {
	ids, pairs := lattice(5, 5, true, 2)
	b, err := Contiguity(ids, pairs)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []*Weights{b, b.RowStandardize()} {
		s := slowGlobal(make([]float64, w.N()), dense(w))
		relClose(t, string(w.Style())+" S0", w.S0(), s.S0, 1e-12)
		relClose(t, string(w.Style())+" S1", w.S1(), s.S1, 1e-12)
		relClose(t, string(w.Style())+" S2", w.S2(), s.S2, 1e-12)
	}
	// Binary queen 5×5: 72 links, S0 = 144, S1 = 2·S0 = 288.
	if b.Links() != 72 || b.S0() != 144 || b.S1() != 288 {
		t.Errorf("links %d S0 %g S1 %g", b.Links(), b.S0(), b.S1())
	}
}
