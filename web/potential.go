package web

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/analysis"
	"github.com/jalin-ksd/jalin/bps"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// econSource is what the "potensi daerah" pages read of the imported BPS
// data. *sqlstore.DB implements it; the server finds it on Deps.Geo (the
// store of the imported public data), so that no wiring changes when it
// arrives. Without it the pages show that the data are not imported.
type econSource interface {
	// EconVersion changes whenever the economic data change (an import).
	EconVersion(ctx context.Context) (string, error)
	EconPanel(ctx context.Context, level region.Level, fromYear, toYear int, dir *region.Directory) (*analysis.Panel, error)
}

// The default window of the analysis (ANALYTICS.md section 0: growth over
// [t0, T]); static methods use its last year present in the data.
const (
	potentialFrom = 2013
	potentialTo   = 2020
)

// potentialCacheMax bounds the entries kept for one data version: the
// national results, the adjacency, and one spatial result per sector and
// year (17 × 8) with room to spare.
const potentialCacheMax = 256

// potentialCache keeps analysis results for one data version. A new version
// drops everything; each key is computed once at a time (the requests that
// arrive meanwhile wait for the same result); a failed computation is not
// kept, so the next request tries again.
type potentialCache struct {
	mu      sync.Mutex
	version string
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	done chan struct{}
	val  any
	err  error
}

// get returns the value of key for version, computing it with compute if
// nobody has. compute runs detached from the caller's cancellation (others
// may wait for it) but within a time limit.
func (c *potentialCache) get(ctx context.Context, version, key string, compute func(ctx context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	if c.entries == nil || c.version != version {
		c.version, c.entries = version, make(map[string]*cacheEntry)
	}
	e, ok := c.entries[key]
	if !ok {
		if len(c.entries) >= potentialCacheMax {
			for k, old := range c.entries { // drop one finished entry
				select {
				case <-old.done:
					delete(c.entries, k)
				default:
					continue
				}
				break
			}
		}
		e = &cacheEntry{done: make(chan struct{})}
		c.entries[key] = e
		c.mu.Unlock()
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		e.val, e.err = compute(cctx)
		cancel()
		close(e.done)
		if e.err != nil {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
			}
			c.mu.Unlock()
		}
		return e.val, e.err
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// potential serves the "potensi daerah" pages and API over a cache of the
// analysis results. Routes() makes one per server.
type potential struct {
	s     *Server
	cache potentialCache
}

func newPotential(s *Server) *potential { return &potential{s: s} }

// errNoEconData says the economic data are not imported (or not for this
// region); pages show an empty state, the API a 404.
var errNoEconData = jalin.Errorf(jalin.ENotFound, "potential.no_data")

func (p *potential) source() (econSource, bool) {
	src, ok := p.s.Geo.(econSource)
	return src, ok
}

// national returns the results of the current data version, computed once.
// It returns errNoEconData when there is nothing to analyse.
func (p *potential) national(ctx context.Context) (*potentialNational, error) {
	src, ok := p.source()
	if !ok {
		return nil, errNoEconData
	}
	version, err := src.EconVersion(ctx)
	if err != nil {
		if noData(err) {
			return nil, errNoEconData
		}
		return nil, jalin.Wrap(err, "error.internal")
	}
	if version == "" { // nothing imported yet
		return nil, errNoEconData
	}
	v, err := p.cache.get(ctx, version, "national", func(ctx context.Context) (any, error) {
		return computeNational(ctx, src, version, p.s.Regions)
	})
	if err != nil {
		return nil, err
	}
	n := v.(*potentialNational)
	if n.Regency == nil {
		return nil, errNoEconData
	}
	return n, nil
}

// noData reports whether a storage error means "nothing imported".
func noData(err error) bool {
	var e *jalin.Error
	if errors.As(err, &e) {
		return e.Code == jalin.ENotFound || (e.Code == jalin.EInvalid && e.Field == "rows")
	}
	return false
}

// econImports is what the pages read of the import records, when the
// source keeps them: the rows set aside as suspect.
type econImports interface {
	EconImports(ctx context.Context, limit int) ([]sqlstore.EconImport, error)
}

// excludedRow is a row an import left out as suspect.
type excludedRow struct {
	Region, Indicator, Kind string
	Year                    int
}

// potentialNational is everything computed once per data version.
type potentialNational struct {
	Version  string
	Regency  *levelResult // nil when no regency data are imported
	Province *levelResult // nil when the store has no province panel
	Excluded []excludedRow
}

// levelResult is the sectoral analysis of one level for the default window.
type levelResult struct {
	Panel    *analysis.Panel
	Window   analysis.Window // growth window; From == To when only one year
	Year     int             // the latest year, for the static methods
	Report   *analysis.SectoralReport
	Regional *analysis.KlassenRegionalResult
	Issues   []analysis.Issue
	// Problem is the message key when the growth methods could not run
	// (one year of data, or a gap in the years).
	Problem string
	index   map[string]int
	sectors map[string]int // taxonomy code → panel sector index
}

func computeNational(ctx context.Context, src econSource, version string, dir *region.Directory) (*potentialNational, error) {
	n := &potentialNational{Version: version}
	var err error
	if n.Regency, err = computeLevel(ctx, src, region.Regency, dir); err != nil {
		return nil, err
	}
	if n.Province, err = computeLevel(ctx, src, region.Province, dir); err != nil {
		return nil, err
	}
	if imps, ok := src.(econImports); ok {
		list, err := imps.EconImports(ctx, 50)
		if err != nil {
			return nil, jalin.Wrap(err, "error.internal")
		}
		seen := map[excludedRow]bool{}
		for _, imp := range list {
			for _, f := range imp.Findings {
				x := excludedRow{Region: f.Region, Indicator: f.Indicator, Kind: string(f.Kind), Year: f.Year}
				if f.Severity == bps.ExcludeSuggested && f.Region != "" && !seen[x] {
					seen[x] = true
					n.Excluded = append(n.Excluded, x)
				}
			}
		}
	}
	return n, nil
}

func computeLevel(ctx context.Context, src econSource, level region.Level, dir *region.Directory) (*levelResult, error) {
	p, err := src.EconPanel(ctx, level, potentialFrom, potentialTo, dir)
	switch {
	case err != nil && noData(err):
		return nil, nil
	case err != nil:
		return nil, jalin.Wrap(err, "error.internal")
	case p == nil || len(p.Regions) == 0 || len(p.Years) == 0:
		return nil, nil
	}
	l := &levelResult{Panel: p, index: make(map[string]int, len(p.Regions)), sectors: make(map[string]int, len(p.Sectors))}
	for i, c := range p.Regions {
		l.index[c] = i
	}
	for i, s := range p.Sectors {
		l.sectors[sectorCode(s)] = i
	}
	l.Year = p.Years[len(p.Years)-1]
	l.Window = analysis.Window{From: p.Years[0], To: l.Year}
	l.Issues = p.Validate()
	if l.Window.From == l.Window.To {
		l.Problem = "potential.one_year"
		return l, nil
	}
	if l.Report, err = analysis.Sectoral(p, l.Window, analysis.Band2021); err != nil {
		l.Report, l.Problem = nil, "potential.window_gap"
		return l, nil
	}
	if l.Regional, err = analysis.KlassenRegional(p, l.Window, analysis.AvgMean); err != nil {
		l.Regional = nil
	}
	return l, nil
}

// lq returns the LQ result of year, computing it when it is outside the
// growth window's report.
func (l *levelResult) lq(year int) (*analysis.LQResult, error) {
	if l.Report != nil {
		for _, r := range l.Report.LQ {
			if r.Window.To == year {
				return r, nil
			}
		}
	}
	return analysis.LQ(l.Panel, year, 1)
}

func (l *levelResult) hasYear(y int) bool {
	for _, x := range l.Panel.Years {
		if x == y {
			return true
		}
	}
	return false
}
