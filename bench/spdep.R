# The Moran and LISA part of the national analysis in R spdep, on the same
# canonical table and adjacency as `jalin analyze` (see bench/spdep.sh):
#   Rscript bench/spdep.R REGENCY_TABLE.csv ADJACENCY.csv
# For every sector and year: the LQ against the sum of the regencies, global
# Moran (analytic, and moran.mc with 999 permutations) and local Moran with
# 999 conditional permutations (localmoran_perm), row-standardised queen
# weights, islands with zero.policy. A sector-year where some regency has no
# LQ (no data, or a row the import left out) is skipped, as jalin analyze
# does, so that both compute the same variables.
suppressPackageStartupMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
tab <- read.csv(args[1], colClasses = c(region = "character"))
adj <- read.csv(args[2], colClasses = c(code_a = "character", code_b = "character"))
tab$sector <- sub("^pdrb_adhk_lu:", "", tab$indicator)
tab <- tab[tab$sector != tab$indicator, ]
ids <- sort(unique(tab$region))
adj <- adj[adj$code_a %in% ids & adj$code_b %in% ids, ]
nb <- lapply(ids, function(id) {
  n <- sort(match(c(adj$code_b[adj$code_a == id], adj$code_a[adj$code_b == id]), ids))
  if (length(n) == 0) 0L else as.integer(unique(n))
})
class(nb) <- "nb"
attr(nb, "region.id") <- ids
nb <- sym.attr.nb(nb)
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
set.seed(2026)
years <- sort(unique(tab$year))
sectors <- sort(unique(tab$sector))
n <- 0; incomplete <- 0
first <- NULL
elapsed <- system.time({
  for (y in years) {
    t <- tab[tab$year == y, ]
    got <- tapply(t$value, list(t$region, t$sector), sum)
    x <- matrix(NA_real_, length(ids), length(sectors), dimnames = list(ids, sectors))
    x[rownames(got), colnames(got)] <- got
    lq <- sweep(x / rowSums(x), 2, colSums(x, na.rm = TRUE) / sum(x, na.rm = TRUE), "/")
    for (s in sectors) {
      v <- lq[, s]
      if (any(is.na(v))) { incomplete <- incomplete + 1; next }
      m <- moran.test(v, lw, zero.policy = TRUE)
      mc <- moran.mc(v, lw, nsim = 999, zero.policy = TRUE)
      lm <- localmoran_perm(v, lw, nsim = 999, zero.policy = TRUE)
      if (is.null(first)) first <- c(y, s, m$estimate[1])
      n <- n + 1
    }
  }
})
cat(sprintf("spdep %s, R %s: %d variables (%d sector-years skipped: missing LQs), %d regencies\n",
  packageVersion("spdep"), getRversion(), n, incomplete, length(ids)))
cat(sprintf("Moran (analytic + 999 permutations) and local Moran (999 permutations): %.1f s\n", elapsed[["elapsed"]]))
cat(sprintf("check: Moran's I of sector %s in %s = %.10f\n", first[2], first[1], as.numeric(first[3])))
