package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// The kinds of third party an organisation can be (Org.Kind).
const (
	OrgCompany    = "company"
	OrgUniversity = "university"
	OrgNGO        = "ngo"
	OrgOther      = "other"
)

// OrgKinds lists every kind.
var OrgKinds = []string{OrgCompany, OrgUniversity, OrgNGO, OrgOther}

// Org is a third party (a company, university or NGO) that cooperations can
// name and third-party users belong to. Region is the region whose
// administrators manage it.
type Org struct {
	ID        int64
	Name      string
	Kind      string // one of OrgKinds
	LegalID   string // NPWP, NIB or another registration number
	Region    string
	CreatedAt time.Time
	Version   int64
}

// orgView is what the audit trail records of an organisation.
type orgView struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	LegalID string `json:"legal_id"`
	Region  string `json:"region"`
}

const orgCols = "id, name, kind, legal_id, region_code, created_at, version"

func scanOrg(s interface{ Scan(...any) error }) (Org, error) {
	var o Org
	err := s.Scan(&o.ID, &o.Name, &o.Kind, &o.LegalID, &o.Region, &o.CreatedAt, &o.Version)
	o.CreatedAt = o.CreatedAt.UTC()
	return o, err
}

// CreateOrg stores a new organisation (ID, CreatedAt and Version are set
// here) and records "org.create" in the audit trail in the same
// transaction. A missing name or an unknown kind or region is EInvalid.
func (db *DB) CreateOrg(ctx context.Context, o Org, meta AuditMeta) (Org, error) {
	o.Name = strings.TrimSpace(o.Name)
	o.LegalID = strings.TrimSpace(o.LegalID)
	switch {
	case o.Name == "":
		return Org{}, jalin.Invalid("name", "org.name_required")
	case !slices.Contains(OrgKinds, o.Kind):
		return Org{}, jalin.Invalid("kind", "org.kind_invalid")
	case o.Region == "":
		return Org{}, jalin.Invalid("region", "org.region_required")
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		ok, err := tx.exists(ctx, "SELECT COUNT(*) FROM region WHERE code = ?", o.Region)
		if err != nil {
			return err
		}
		if !ok {
			return jalin.Invalid("region", "org.region_unknown")
		}
		if o.ID, err = tx.nextID(ctx, "organization"); err != nil {
			return err
		}
		o.CreatedAt, o.Version = tx.db.Now(), 1
		_, err = tx.Exec(ctx, "INSERT INTO organization ("+orgCols+") VALUES (?, ?, ?, ?, ?, ?, ?)",
			o.ID, o.Name, o.Kind, o.LegalID, o.Region, o.CreatedAt, o.Version)
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "org.create", ObjectKind: "org", ObjectID: idString(o.ID), Region: o.Region,
			After: orgView{o.ID, o.Name, o.Kind, o.LegalID, o.Region},
		})
	})
	if err != nil {
		return Org{}, err
	}
	return o, nil
}

// GetOrg returns the organisation id if scope covers it: All covers every
// one, a Prefix scope those managed in its subtree, a third party's OrgID
// scope its own. Otherwise, or if there is none, the error wraps
// jalin.ErrNotFound.
func (db *DB) GetOrg(ctx context.Context, scope access.Scope, id int64) (Org, error) {
	cond, args := scopeCond(scope, "region_code", "id")
	o, err := scanOrg(db.QueryRow(ctx, "SELECT "+orgCols+" FROM organization WHERE id = ? AND "+cond,
		append([]any{id}, args...)...))
	if errors.Is(err, sql.ErrNoRows) {
		return Org{}, notFound("org", idString(id))
	}
	if err != nil {
		return Org{}, jalin.Wrap(err, "db.query")
	}
	return o, nil
}

// ListOrgs returns one page of the organisations in scope, by name, and how
// many there are in all. limit 0 gives the default page size (50); it is
// capped at 500.
func (db *DB) ListOrgs(ctx context.Context, scope access.Scope, limit, offset int) ([]Org, int, error) {
	cond, args := scopeCond(scope, "region_code", "id")
	var total int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM organization WHERE "+cond, args...).Scan(&total); err != nil {
		return nil, 0, jalin.Wrap(err, "db.query")
	}
	out := []Org{}
	args = append(args, pageLimit(limit), max(offset, 0))
	err := db.eachRow(ctx, "SELECT "+orgCols+" FROM organization WHERE "+cond+
		" ORDER BY lower(name), id LIMIT ? OFFSET ?", args, func(rows *sql.Rows) error {
		o, err := scanOrg(rows)
		out = append(out, o)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
