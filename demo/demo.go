// Package demo fills an empty Jalin with demonstration data: the real
// geography from the shared data folder when it is there, one user per role,
// a few third parties, and about twenty cooperations of every kind and stage
// walked through the real lifecycle rules. It never replaces data that is already stored,
// so `jalin serve --demo` can be run again and again.
package demo

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/app"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/geo"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// Password is every demo user's password. It is for the demonstration
// only: a real installation creates its users with `jalin user add`.
const Password = "demo-jalin-2026"

// User is one demo account.
type User struct {
	Username, Name string
	Role           access.Role
	Region         string
	Org            string // organisation name, for third parties
}

// Users are the demo accounts: the ministry, West Java's provincial team,
// Kota Bandung's and Kabupaten Bandung's teams (neighbours), East Java's
// province for contrast, and a university as a third party.
var Users = []User{
	{"kemendagri.admin", "Admin Ditjen Bina Adwil", access.NationalAdmin, "", ""},
	{"kemendagri.analis", "Analis Ditjen Bina Adwil", access.NationalAnalyst, "", ""},
	{"jabar.admin", "Sekretariat TKKSD Jawa Barat", access.ProvinceAdmin, "32", ""},
	{"jabar.anggota", "Anggota TKKSD Jawa Barat", access.ProvinceMember, "32", ""},
	{"jabar.peninjau", "Peninjau TKKSD Jawa Barat", access.ProvinceViewer, "32", ""},
	{"kotabandung.admin", "Sekretariat TKKSD Kota Bandung", access.RegencyAdmin, "32.73", ""},
	{"kotabandung.anggota", "Anggota TKKSD Kota Bandung", access.RegencyMember, "32.73", ""},
	{"kotabandung.peninjau", "Peninjau TKKSD Kota Bandung", access.RegencyViewer, "32.73", ""},
	{"kabbandung.admin", "Sekretariat TKKSD Kabupaten Bandung", access.RegencyAdmin, "32.04", ""},
	{"jatim.admin", "Sekretariat TKKSD Jawa Timur", access.ProvinceAdmin, "35", ""},
	{"mitra.kampus", "Kantor Kerja Sama Universitas Mitra", access.ThirdParty, "32.73", "Universitas Mitra Bandung"},
}

// Orgs are the demo third parties.
var Orgs = []sqlstore.Org{
	{Name: "Universitas Mitra Bandung", Kind: "university", LegalID: "AHU-0001.AH.01.04", Region: "32.73"},
	{Name: "PT Air Bersih Priangan", Kind: "company", LegalID: "NIB 9120001234567", Region: "32"},
}

var system = sqlstore.AuditMeta{Actor: access.Actor{UserID: -1, Name: "demo", Role: access.NationalAdmin}, IP: "demo"}

// Load adds what is missing of the demo data to a.
func Load(ctx context.Context, a *app.App) error {
	if err := loadGeo(ctx, a); err != nil {
		return err
	}
	if err := loadEcon(ctx, a); err != nil {
		return err
	}
	if err := loadUsers(ctx, a); err != nil {
		return err
	}
	if err := loadCoops(ctx, a); err != nil {
		return err
	}
	return loadTKKSD(ctx, a)
}

func loadGeo(ctx context.Context, a *app.App) error {
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

func loadUsers(ctx context.Context, a *app.App) error {
	orgIDs := map[string]int64{}
	existing, _, err := a.DB.ListOrgs(ctx, access.Scope{All: true}, 1000, 0)
	if err != nil {
		return err
	}
	for _, o := range existing {
		orgIDs[o.Name] = o.ID
	}
	for _, o := range Orgs {
		if orgIDs[o.Name] != 0 {
			continue
		}
		o.CreatedAt = a.DB.Now()
		created, err := a.DB.CreateOrg(ctx, o, system)
		if err != nil {
			return err
		}
		orgIDs[o.Name] = created.ID
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	added := 0
	for _, du := range Users {
		if _, err := a.DB.UserForLogin(ctx, du.Username); err == nil {
			continue
		} else if !errors.Is(err, jalin.ErrNotFound) {
			return err
		}
		u := sqlstore.User{Username: du.Username, DisplayName: du.Name, Role: du.Role, Region: du.Region,
			OrgID: orgIDs[du.Org], Lang: "id", PasswordHash: hash, PasswordChangedAt: a.DB.Now()}
		if _, err := a.DB.CreateUser(ctx, u, system); err != nil {
			return err
		}
		added++
	}
	if added > 0 {
		a.Logger.Warn("demo: users added with the demo password; never use --demo on a real installation", "users", added)
	}
	return nil
}
