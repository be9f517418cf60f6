// Command gendata fills an empty database with made-up cooperations for
// load tests (bench/coop.sh):
//
//	go run ./bench/gendata --db DSN --cooperations 100000 --seed 1
//
// It migrates, loads the embedded region reference, creates the
// organisations the generator names (sqlstoretest.GenOrgs), bulk-loads the
// cooperations of sqlstoretest.Cooperations, and creates a national
// administrator "bench.admin" with an API token, whose raw value it prints
// alone on the last line of standard output for the script to send.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/region"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func main() {
	dsn := flag.String("db", "", "database: a SQLite file or a postgres:// URL (required)")
	n := flag.Int("cooperations", 100_000, "how many cooperations to generate")
	seed := flag.Int64("seed", 1, "generator seed: the same seed makes the same cooperations")
	flag.Parse()
	if err := run(context.Background(), *dsn, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dsn string, n int, seed int64) error {
	start := time.Now()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	dir, err := region.Load()
	if err != nil {
		return err
	}
	regions := dir.All()
	if err := db.LoadRegions(ctx, regions, region.Version()); err != nil {
		return fmt.Errorf("load regions: %w", err)
	}
	if err := createOrgs(ctx, db, regions); err != nil {
		return err
	}
	all := sqlstoretest.Cooperations(n, seed, regions)
	for done := 0; done < n; done += 10_000 {
		// In transactions of 10,000, which keep the WAL small.
		if err := db.BulkLoadCooperations(ctx, all[done:min(done+10_000, n)]); err != nil {
			return fmt.Errorf("load cooperations: %w", err)
		}
	}
	if db.Engine() == sqlstore.Postgres {
		// As autovacuum would before long: statistics, and the visibility
		// map, without which no scan is index-only. SQLite is left as the
		// application leaves it, without sqlite_stat tables.
		if _, err := db.Exec(ctx, "VACUUM ANALYZE"); err != nil {
			return err
		}
	}
	token, err := createAdminToken(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gendata: %s: %d regions, %d organisations, %d cooperations (seed %d) in %v\n",
		db.Engine(), len(regions), sqlstoretest.GenOrgs, n, seed, time.Since(start).Round(time.Millisecond))
	fmt.Println(token)
	return nil
}

// createOrgs makes organisations 1..GenOrgs as sqlstoretest.CreateOrgs
// does, refusing a database that already has some (the ids would differ).
func createOrgs(ctx context.Context, db *sqlstore.DB, regions []region.Region) error {
	var provinces []string
	for _, r := range regions {
		if r.Level == region.Province {
			provinces = append(provinces, r.Code)
		}
	}
	for i := range sqlstoretest.GenOrgs {
		o, err := db.CreateOrg(ctx, sqlstore.Org{Name: fmt.Sprintf("PT Mitra %02d", i+1), Kind: sqlstore.OrgCompany,
			Region: provinces[i%len(provinces)]}, sqlstore.AuditMeta{})
		if err != nil {
			return fmt.Errorf("create organisation: %w", err)
		}
		if o.ID != int64(i+1) {
			return fmt.Errorf("organisation %d has id %d: the database is not empty", i+1, o.ID)
		}
	}
	return nil
}

// createAdminToken creates the national administrator the load test acts
// as and returns a new API token of theirs. The password is random and
// not shown: the token is the only way in.
func createAdminToken(ctx context.Context, db *sqlstore.DB) (string, error) {
	password, _ := auth.NewToken()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", err
	}
	u, err := db.CreateUser(ctx, sqlstore.User{Username: "bench.admin", DisplayName: "Bench Admin",
		PasswordHash: hash, Role: access.NationalAdmin}, sqlstore.AuditMeta{})
	if err != nil {
		return "", fmt.Errorf("create user: %w", err)
	}
	raw, tokenHash := auth.NewToken()
	if _, err := db.CreateToken(ctx, sqlstore.APIToken{UserID: u.ID, Name: "bench", Hash: tokenHash},
		sqlstore.AuditMeta{}); err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return raw, nil
}
