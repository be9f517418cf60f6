package main

import (
	"fmt"
)

func cmdAudit(e env, args []string) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "Usage: jalin audit verify")
		return exitUsage
	}
	cfg, _, code := parseConfig(e, "audit verify", args[1:], nil)
	if code >= 0 {
		return code
	}
	a, code := open(e, cfg)
	if code >= 0 {
		return code
	}
	defer a.Close()
	v, err := a.DB.VerifyAudit(e.ctx)
	if err != nil {
		fail(e, err)
		return exitFailure
	}
	if !v.OK {
		fmt.Fprintf(e.stdout, "audit chain BROKEN at seq %d: %s (%d records checked)\n", v.BrokenSeq, v.Reason, v.Checked)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "audit chain OK: %d records\n", v.Checked)
	return exitOK
}
