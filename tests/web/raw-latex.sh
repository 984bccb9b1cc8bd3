#!/usr/bin/env bash
# No LaTeX is left in the text of the web edition.
#
#   tests/web/raw-latex.sh BUILD
#
# Reads every page of BUILD/html and looks at what a reader sees: the text
# outside tags, and the alt and title attributes.  Code (<pre>, <code>,
# the chunks' hidden <textarea>) may hold backslashes and braces, and a
# <math> element its TeX annotation; they are left out.  Anything else
# that looks like LaTeX pandoc did not convert fails the test: a control
# sequence (\frac, \cite, \ref, \emph, \begin{...}, \\), math left in
# dollars, a brace, a TeX length ("plus 1fil", "-0.6ex"), or math that
# texmath could not convert (pandoc writes it as <span class="math">),
# or a paragraph split in two (one starting with a comma or a stop).
# Exits 0 when the text is clean; otherwise prints each find and exits 1.
set -euo pipefail

build=${1:?usage: tests/web/raw-latex.sh BUILD}
html=${HTML:-$build/html}
[ -e "$html/index.html" ] || { echo "raw-latex.sh: $html/index.html is missing (run make first)"; exit 1; }

perl - "$html" <<'PERL'
use strict;
use warnings;
binmode STDOUT, ':encoding(UTF-8)';
my ($html) = @ARGV;
my (@finds, $pages, $chars);

opendir my $dh, $html or die "raw-latex.sh: cannot open $html\n";
for my $f (sort grep { /\.html$/ } readdir $dh) {
    open my $fh, '<:encoding(UTF-8)', "$html/$f" or die "raw-latex.sh: cannot read $html/$f\n";
    my $s = do { local $/; <$fh> };
    close $fh;
    $pages++;
    # math texmath could not convert is left as TeX in a span
    push @finds, "$f: math pandoc could not convert: " . substr($1, 0, 80)
        while $s =~ /<span class="math (?:inline|display)">(.*?)<\/span>/gs;
    # a paragraph that starts with a comma or a stop was split by
    # something pandoc made a block (an anchor at a paragraph's start)
    push @finds, "$f: a paragraph starts with \"$1\": one was split in two"
        while $s =~ /<p>\s*([,.;:)][^<]{0,30})/g;
    # what may hold LaTeX or C: code, the tangled text, math's annotation
    $s =~ s{<(script|style|textarea|pre|code|annotation)\b.*?</\1>}{ }gs;
    $s =~ s{<math\b.*?</math>}{ }gs;
    my @attrs = $s =~ /\s(?:alt|title)="([^"]*)"/g;
    $s =~ s{<!--.*?-->}{ }gs;
    $s =~ s{<[^>]*>}{ }gs;
    my $text = join "\n", $s, @attrs;
    for ($text) {
        s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'/g; s/&#x?[0-9a-fA-F]+;/ /g; s/&amp;/&/g;
    }
    $chars += length $text;
    my $n = 0;
    while ($text =~ /(\\[A-Za-z]+\*?|\\[\\\[\](){},;:!%&#_\$ ]|\$[^\$\n]{0,40}\$?|[{}]|\bplus\s*-?[0-9.]+\s*fill*\b|-?\b[0-9.]+\s*(?:pt|ex|em|mm|cm)\b)/g) {
        my $hit = $1;
        my $at = $-[0];
        my $context = substr($text, $at < 30 ? 0 : $at - 30, 70);
        $context =~ s/\s+/ /g;
        push @finds, "$f: \"$hit\" in: ...$context...";
        last if ++$n >= 20;   # enough to show what is wrong with a page
    }
}
if (@finds) {
    print "raw-latex.sh: $_\n" for @finds;
    print "raw-latex.sh: FAILED, ", scalar(@finds), " pieces of LaTeX in the text\n";
    exit 1;
}
printf "raw-latex.sh: no LaTeX in the text of %d pages (%d characters)\n", $pages, $chars;
PERL
