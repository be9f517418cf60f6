package main

import (
	"context"
	"path/filepath"

	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/geo"
)

// loadDemo fills an empty installation with the demo data: the real
// geography from the shared data folder when it is there. It never replaces
// data that is already stored.
func loadDemo(ctx context.Context, a *app.App) error {
	dir := a.Config.SharedDataDir()
	if dir == "" {
		a.Logger.Warn("demo: no shared data folder found (set --shared-data or JALIN_SHARED_DATA); maps and neighbours stay empty")
		return nil
	}
	stats, err := a.DB.GeoStats(ctx)
	if err != nil {
		return err
	}
	if stats.Boundaries > 0 || stats.Adjacency > 0 {
		a.Logger.Info("demo: geography already imported", "boundaries", stats.Boundaries, "adjacency", stats.Adjacency)
		return nil
	}
	known := func(code string) bool { _, ok := a.Regions.Get(code); return ok }
	ds, err := geo.LoadDir(filepath.Join(dir, "geo"), known)
	if err != nil {
		return err
	}
	imp, err := a.DB.ReplaceGeo(ctx, ds, "demo: "+filepath.Join(dir, "geo"))
	if err != nil {
		return err
	}
	a.Logger.Info("demo: geography imported", "boundaries", imp.Boundaries, "points", imp.Points, "adjacency", imp.Adjacency, "unmatched", len(ds.Unmatched))
	return nil
}
