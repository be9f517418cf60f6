package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/account"
	"github.com/jalin-ksd/jalin/auth"
	"github.com/jalin-ksd/jalin/sqlstore"
)

// operator is the actor for changes made on the command line: whoever can
// run jalin against the database already holds every power, so the CLI
// checks shapes (role against region) but not grants. The audit trail names
// it "cli".
var operator = access.Actor{UserID: -1, Name: "cli", Role: access.NationalAdmin}

func cliMeta() sqlstore.AuditMeta { return sqlstore.AuditMeta{Actor: operator, IP: "cli"} }

func cmdUser(e env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: jalin user add|passwd|disable|enable|list [flags]")
		return exitUsage
	}
	switch args[0] {
	case "add":
		return userAdd(e, args[1:])
	case "passwd":
		return userPasswd(e, args[1:])
	case "disable", "enable":
		return userSetDisabled(e, args[1:], args[0] == "disable")
	case "list":
		return userList(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "jalin user: unknown subcommand %q (add, passwd, disable, enable, list)\n", args[0])
	return exitUsage
}

func userAdd(e env, args []string) int {
	var username, name, email, role, regionCode string
	var orgID int64
	cfg, _, code := parseConfig(e, "user add", args, func(fs *flag.FlagSet) {
		fs.StringVar(&username, "username", "", "login name (required)")
		fs.StringVar(&name, "name", "", "display name (required)")
		fs.StringVar(&email, "email", "", "e-mail address")
		fs.StringVar(&role, "role", "", "role: "+rolesList())
		fs.StringVar(&regionCode, "region", "", "scope region code: empty for national roles")
		fs.Int64Var(&orgID, "org", 0, "organisation id, for third_party")
	})
	if code >= 0 {
		return code
	}
	u := sqlstore.User{Username: account.NormalizeUsername(username), DisplayName: strings.TrimSpace(name),
		Email: email, Role: access.Role(role), Region: regionCode, OrgID: orgID, Lang: "id"}
	for _, err := range []error{account.CheckUsername(u.Username), account.CheckDisplayName(u.DisplayName),
		account.CheckEmail(u.Email), access.CanGrant(operator, u.Role, u.Region, u.OrgID)} {
		if err != nil {
			fail(e, err)
			return exitUsage
		}
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	if u.Region != "" {
		if _, ok := a.Regions.Get(u.Region); !ok {
			fail(e, jalin.Invalid("region", "error.region_unknown", u.Region))
			return exitUsage
		}
	}
	pw, err := readPassword(e, u.Username)
	if err != nil {
		fail(e, err)
		return exitUsage
	}
	if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
		fail(e, err)
		return exitFailure
	}
	u.PasswordChangedAt = a.DB.Now()
	created, err := a.DB.CreateUser(e.ctx, u, cliMeta())
	if err != nil {
		fail(e, err)
		return codeOf(err)
	}
	fmt.Fprintf(e.stdout, "created user %s (id %d, %s%s)\n", created.Username, created.ID, created.Role, regionSuffix(created.Region))
	return exitOK
}

func userPasswd(e env, args []string) int {
	cfg, fs, code := parseConfig(e, "user passwd", args, nil)
	if code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "Usage: jalin user passwd USERNAME (the password is read from the terminal or stdin)")
		return exitUsage
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	u, err := a.DB.UserForLogin(e.ctx, account.NormalizeUsername(fs.Arg(0)))
	if err != nil {
		fail(e, err)
		return codeOf(err)
	}
	pw, err := readPassword(e, u.Username)
	if err != nil {
		fail(e, err)
		return exitUsage
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	if _, err := a.DB.UpdateUser(e.ctx, access.Scope{All: true}, u.ID, u.Version, func(x *sqlstore.User) error {
		x.PasswordHash, x.PasswordChangedAt = hash, a.DB.Now()
		return nil
	}, cliMeta()); err != nil {
		fail(e, err)
		return codeOf(err)
	}
	n, err := a.DB.DeleteUserSessions(e.ctx, u.ID)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "password of %s changed; %d sessions ended\n", u.Username, n)
	return exitOK
}

func userSetDisabled(e env, args []string, disabled bool) int {
	verb := map[bool]string{true: "disable", false: "enable"}[disabled]
	cfg, fs, code := parseConfig(e, "user "+verb, args, nil)
	if code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(e.stderr, "Usage: jalin user %s USERNAME\n", verb)
		return exitUsage
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	u, err := a.DB.UserForLogin(e.ctx, account.NormalizeUsername(fs.Arg(0)))
	if err != nil {
		fail(e, err)
		return codeOf(err)
	}
	if _, err := a.DB.UpdateUser(e.ctx, access.Scope{All: true}, u.ID, u.Version, func(x *sqlstore.User) error {
		x.Disabled = disabled
		return nil
	}, cliMeta()); err != nil {
		fail(e, err)
		return codeOf(err)
	}
	if disabled {
		if _, err := a.DB.DeleteUserSessions(e.ctx, u.ID); err != nil {
			fail(e, err)
			return exitFailure
		}
	}
	fmt.Fprintf(e.stdout, "user %s %sd\n", u.Username, verb)
	return exitOK
}

func userList(e env, args []string) int {
	var role, regionCode string
	cfg, _, code := parseConfig(e, "user list", args, func(fs *flag.FlagSet) {
		fs.StringVar(&role, "role", "", "only this role")
		fs.StringVar(&regionCode, "region", "", "only users scoped to this region or below it")
	})
	if code >= 0 {
		return code
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	scope := access.Scope{All: true}
	if regionCode != "" {
		scope = access.Scope{Prefix: regionCode}
	}
	var users []sqlstore.User
	total := 0
	for {
		page, n, err := a.DB.ListUsers(e.ctx, scope, sqlstore.UserFilter{Role: access.Role(role), Limit: 500, Offset: len(users)})
		if err != nil {
			fail(e, err)
			return exitFailure
		}
		users, total = append(users, page...), n
		if len(page) == 0 || len(users) >= total {
			break
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSERNAME\tNAME\tROLE\tREGION\tSTATUS")
	for _, u := range users {
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Username, u.DisplayName, u.Role, u.Region, status)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d users\n", total)
	return exitOK
}

// readPassword asks twice on a terminal, or reads one line from stdin (for
// scripts: printf '%s\n' "$PW" | jalin user add ...), then checks the policy.
func readPassword(e env, username string) (string, error) {
	var pw string
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(e.stderr, "Repeat: ")
		b2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if string(b) != string(b2) {
			return "", errors.New("the passwords differ")
		}
		pw = string(b)
	} else {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && line != "") {
			return "", errors.New("no password on standard input")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	return pw, auth.CheckPasswordPolicy(pw, username)
}

func rolesList() string {
	var s []string
	for _, r := range access.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

func regionSuffix(code string) string {
	if code == "" {
		return ""
	}
	return " in " + code
}

// codeOf maps an application error to an exit code.
func codeOf(err error) int {
	switch jalin.ErrorCode(err) {
	case jalin.EInvalid, jalin.EConflict, jalin.ENotFound:
		return exitUsage
	}
	return exitFailure
}
