package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

// ParamVersions returns the built-in version (cooperation.Defaults) first,
// then the versions administrators stored, by EffectiveFrom. Each stored
// version is complete by itself: nothing is inherited from another, so a
// later change of the defaults in code cannot move a stored version.
func (db *DB) ParamVersions(ctx context.Context) ([]cooperation.Params, error) {
	def := cooperation.Defaults()
	out := []cooperation.Params{def}
	byVersion := map[string]int{}
	err := db.eachRow(ctx, `SELECT version, name, value, text, unit, confidence, source, unverified, effective_from
		FROM regulation_param WHERE version <> ? ORDER BY effective_from, version, name`, []any{def.Version},
		func(rows *sql.Rows) error {
			var version, from string
			var p cooperation.Param
			if err := rows.Scan(&version, &p.Name, &p.Value, &p.Text, &p.Unit, &p.Confidence, &p.Source,
				&p.Unverified, &from); err != nil {
				return err
			}
			i, ok := byVersion[version]
			if !ok {
				d, err := workday.ParseDate(from)
				if err != nil {
					return err
				}
				i = len(out)
				byVersion[version] = i
				out = append(out, cooperation.Params{Version: version, EffectiveFrom: d, Values: map[string]cooperation.Param{}})
			}
			out[i].Values[p.Name] = p
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// paramsView is what the audit trail records of a parameter version.
type paramsView struct {
	Version       string                       `json:"version"`
	EffectiveFrom string                       `json:"effective_from"`
	Values        map[string]cooperation.Param `json:"values"`
}

// SaveParamVersion stores p as a complete version, replacing a stored
// version of the same name unless a cooperation already uses it
// (RuleVersion): that is EConflict "params.version_in_use", since moving
// the rules under running cooperations would move their deadlines. p must
// carry every parameter of cooperation.ParamNames and no other; the
// built-in version cannot be saved. Records "params.save".
func (db *DB) SaveParamVersion(ctx context.Context, p cooperation.Params, meta AuditMeta) error {
	p.Version = strings.TrimSpace(p.Version)
	names := cooperation.ParamNames()
	switch {
	case p.Version == "":
		return jalin.Invalid("version", "params.version_required")
	case p.Version == cooperation.Defaults().Version:
		return jalin.Invalid("version", "params.version_builtin")
	case p.EffectiveFrom.IsZero():
		return jalin.Invalid("effective_from", "params.effective_from_required")
	}
	for _, n := range names {
		if _, ok := p.Values[n]; !ok {
			return jalin.Invalid("values", "params.incomplete", n)
		}
	}
	for n := range p.Values {
		if !slices.Contains(names, n) {
			return jalin.Invalid("values", "params.unknown", n)
		}
	}
	return db.Tx(ctx, func(tx *Tx) error {
		used, err := tx.exists(ctx, "SELECT COUNT(*) FROM cooperation WHERE rule_version = ?", p.Version)
		if err != nil {
			return err
		}
		if used {
			return &jalin.Error{Code: jalin.EConflict, Msg: "params.version_in_use", Field: "version", Args: []any{p.Version}}
		}
		existed, err := tx.exists(ctx, "SELECT COUNT(*) FROM regulation_param WHERE version = ?", p.Version)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM regulation_param WHERE version = ?", p.Version); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		err = tx.insertBatches(ctx, `INSERT INTO regulation_param (version, name, value, text, unit, confidence,
			source, unverified, effective_from)`, "", 9, len(names), func(i int, a []any) []any {
			v := p.Values[names[i]]
			return append(a, p.Version, names[i], v.Value, v.Text, v.Unit, string(v.Confidence), v.Source,
				v.Unverified, p.EffectiveFrom.String())
		})
		if err != nil {
			return jalin.Wrap(err, "db.query")
		}
		e := AuditEntry{Action: "params.save", ObjectKind: "params", ObjectID: p.Version,
			After: paramsView{p.Version, p.EffectiveFrom.String(), p.Values}}
		if existed {
			e.Action = "params.replace"
		}
		return tx.appendAudit(ctx, meta, e)
	})
}
