#!/usr/bin/env bash
# The web edition numbers what the PDF numbers, and alike.
#
#   tests/web/numbers.sh BUILD
#
# BUILD is the build directory: BUILD/book.aux and BUILD/book.pdf are the
# PDF's, BUILD/html the web edition.  For every \newlabel of book.aux (an
# equation, figure, table, theorem, algorithm, section, chapter, exercise
# or claim) and every \bibcite, the page that holds its anchor (the label
# with ':' -> '-') must show the PDF's number there (the equation's tag,
# "Figure 5.2.", "Table 9.1.", the heading's number, "Theorem 4.2",
# "Algorithm 21.1", the exercise's item number, the entry's [n] in the
# bibliography), and every link to it must read that number (a link of
# class pageref, a \pageref, the label's page in the PDF).
# Each chapter's page must have the same numbered figures and tables as
# the PDF's lists of figures and tables (in book.aux) and the same
# equation numbers as the PDF's text (pdftotext).
# Exits 0 when all agree; otherwise prints what differs and exits 1.
set -euo pipefail

build=${1:?usage: tests/web/numbers.sh BUILD}
for f in "$build/book.aux" "$build/book.pdf" "$build/html/index.html"; do
    [ -e "$f" ] || { echo "numbers.sh: $f is missing (run make first)"; exit 1; }
done
command -v pdftotext >/dev/null || { echo "numbers.sh: pdftotext is missing (poppler-utils)"; exit 1; }

text=$(mktemp)
trap 'rm -f "$text"' EXIT
pdftotext -layout "$build/book.pdf" "$text"

perl - "$build/book.aux" "$build/html" "$text" <<'PERL'
use strict;
use warnings;
binmode STDOUT, ':encoding(UTF-8)';
my ($aux, $html, $text) = @ARGV;
my @problems;
sub problem { push @problems, $_[0] }

sub slurp {
    my ($f) = @_;
    open my $fh, '<:encoding(UTF-8)', $f or die "numbers.sh: cannot read $f: $!\n";
    local $/; my $s = <$fh>; close $fh; return $s;
}

# ---- the PDF: labels, and the lists of figures and tables
my (%label, %pdf_figs, %pdf_tabs);
for my $line (split /\n/, slurp($aux)) {
    if ($line =~ /^\\newlabel\{([^}]*)\}\{\{([^{}]*)\}\{([^{}]*)\}/) {
        my ($l, $num, $pdfpage) = ($1, $2, $3);
        my $kind = $l =~ /^eq:/ ? 'equation' : $l =~ /^fig:/ ? 'figure'
                 : $l =~ /^tab:/ ? 'table'    : $l =~ /^(thm|lem|def|cor):/ ? 'theorem'
                 : $l =~ /^alg:/ ? 'algorithm': $l =~ /^sec:/ ? 'section'
                 : $l =~ /^(ch|app):/ ? 'chapter' : $l =~ /^ex:/ ? 'exercise'
                 : $l =~ /^claim:/ ? 'claim' : 'other';
        $label{$l} = { num => $num, kind => $kind, page => $pdfpage };
    } elsif ($line =~ /^\\bibcite\{([^}]*)\}\{([^}]*)\}/) {
        $label{"bib:$1"} = { num => $2, kind => 'citation' };
    } elsif ($line =~ /^\\\@writefile\{(lof|lot)\}\{\\contentsline \{(figure|table)\}\{\\numberline \{([^{}]*)\}/) {
        my ($list, $num) = ($1, $3);
        my ($chap) = $num =~ /^([^.]+)\./;
        ($list eq 'lof' ? \%pdf_figs : \%pdf_tabs)->{$chap}{$num} = 1;
    }
}
die "numbers.sh: no labels in $aux\n" unless %label;

# ---- the web edition: every page and the ids in it
my (%page, %where);
# the ids of the page template (<main id="main">) are on every page
my %template;
if (open my $t, '<', 'tools/web/page.html') {
    local $/; my $s = <$t>; $template{$1} = 1 while $s =~ /\sid="([^"]*)"/g;
}
opendir my $dh, $html or die "numbers.sh: cannot open $html\n";
for my $f (sort grep { /\.html$/ } readdir $dh) {
    $page{$f} = slurp("$html/$f");
    while ($page{$f} =~ /\sid="([^"]*)"/g) {
        my $id = $1;
        next if $template{$id};
        problem("id $id twice: on $where{$id}[0] and $f") if $where{$id} && $where{$id}[0] ne $f;
        $where{$id} = [$f, $-[0]];
    }
}

sub idof { my ($l) = @_; $l =~ s/[^\w.-]/-/g; return $l }

# the number of the <li> that holds position $pos of $s
sub item_number {
    my ($s, $pos) = @_;
    my $before = substr($s, 0, $pos);
    my ($depth, $count) = (0, 0);
    my @tags = $before =~ /(<\/?(?:ol|ul|li)\b[^>]*>)/g;
    for my $t (reverse @tags) {
        if ($t =~ /^<\/(ol|ul)/) { $depth++ }
        elsif ($t =~ /^<(ol|ul)\b/) {
            if ($depth == 0) {
                return undef if $1 eq 'ul';
                my ($start) = $t =~ /start="(\d+)"/;
                my $n = ($start // 1) + $count - 1;
                return $t =~ /type="a"/ ? chr(96 + $n) : $n;
            }
            $depth--;
        } elsif ($t =~ /^<li\b/ && $depth == 0) { $count++ }
    }
    return undef;
}

# ---- 1. each label's anchor shows its number
my (%checked, $refs);
my %word = (theorem => '(?:Theorem|Lemma|Definition|Corollary)', algorithm => 'Algorithm');
for my $l (sort keys %label) {
    my ($num, $kind) = @{$label{$l}}{qw(num kind)};
    my $id = idof($l);
    my $at = $where{$id};
    unless ($at) { problem("$kind $l ($num): no element with id=\"$id\" on any page"); next }
    my ($f, $pos) = @$at;
    my $s = $page{$f};
    my $after = substr($s, $pos, 20000);
    my $q = quotemeta $num;
    my $ok;
    if ($kind eq 'equation') {
        my ($region) = $after =~ /^(.*?<\/math>(?:\s*<span\s+class="eqno">[^<]*<\/span>)?)/s;
        $ok = defined $region && $region =~ />\($q\)</;
    } elsif ($kind eq 'figure') {
        my ($region) = $after =~ /^(.*?<\/figure>)/s;
        $ok = defined $region && $region =~ />Figure $q\.</;
    } elsif ($kind eq 'table') {
        my ($region) = $after =~ /^(.*?<\/caption>)/s;
        $ok = defined $region && $region =~ />Table $q\.</;
    } elsif ($kind eq 'section') {
        my ($region) = $after =~ /^(.*?<\/h\d>)/s;
        $ok = defined $region && $region =~ /class="secnum">$q</;
    } elsif ($kind eq 'chapter') {
        my ($region) = $after =~ /^(.*?<\/h1>)/s;
        $ok = defined $region && $region =~ /class="chapnum">(?:Chapter|Appendix) $q</;
    } elsif ($kind eq 'theorem' || $kind eq 'algorithm') {
        my ($region) = $after =~ /^(.*?<\/strong>)/s;
        $ok = defined $region && $region =~ /<strong>$word{$kind} $q</;
    } elsif ($kind eq 'citation') {
        my ($region) = $after =~ /^(.*?<\/p>)/s;
        $ok = defined $region && $region =~ /class="bibnum">\[$q\]</;
    } elsif ($kind eq 'exercise') {
        my $n = item_number($s, $pos);
        $ok = defined $n && $n eq $num;
        $num .= " (the page's item is " . ($n // 'none') . ")" unless $ok;
    } else {
        $ok = 1;   # a claim has no number of its own: its links are checked below
    }
    if ($ok) { $checked{$kind}++ } else { problem("$kind $l: $f does not show the PDF's number $num at id=\"$id\"") }
}

# ---- 2. every link to a label reads its number, and goes to its page
my %label_of_id = map { idof($_) => $_ } keys %label;
for my $f (sort keys %page) {
    while ($page{$f} =~ /<a\b([^>]*)\bhref="([^"#]*)#([^"]*)"([^>]*)>(.*?)<\/a>/gs) {
        my ($attrs, $file, $id, $t) = ("$1 $4", $2, $3, $5);
        my $l = $label_of_id{$id} or next;
        $t =~ s/<[^>]*>//g;
        # a \pageref (the claims of appendix B) reads the PDF's page
        my $num = $attrs =~ /class="pageref"/ ? $label{$l}{page} : $label{$l}{num};
        my $target = $file eq '' ? $f : $file;
        $refs++;
        problem("$f: a link to $l reads \"$t\", the PDF's number is $num")
            unless $t eq $num || $t eq "($num)" || $t =~ /^\Q$num\E\s/;  # or a line of the contents
        problem("$f: a link to $l goes to $target, its anchor is on " .
                ($where{$id} ? $where{$id}[0] : 'no page'))
            unless $where{$id} && $where{$id}[0] eq $target;
    }
}

# ---- 3. each chapter has the PDF's numbered figures, tables, equations
my %pdf_eqs;
for my $line (split /\n/, slurp($text)) {
    # an equation's tag ends its line, set off by the space of the margin
    $pdf_eqs{$1}{$2} = 1 if $line =~ /\s{2,}\(([0-9]+|[A-Z])\.([0-9]+)\)\s*$/;
}
for my $c (keys %pdf_eqs) {   # numbered 1..n: a tag pdftotext ran into its line is still counted
    my ($max) = sort { $b <=> $a } keys %{$pdf_eqs{$c}};
    $pdf_eqs{$c} = { map { ("$c.$_" => 1) } 1 .. $max };
}
my %chapters = map { $_ => 1 } keys %pdf_figs, keys %pdf_tabs, keys %pdf_eqs;
for my $f (keys %page) {
    $chapters{$1 + 0} = 1 if $f =~ /^ch(\d+)\.html$/;
    $chapters{$1} = 1 if $f =~ /^app([A-Z])\.html$/;
}
my $compared = 0;
for my $c (sort { $a cmp $b } keys %chapters) {
    my $f = $c =~ /^\d+$/ ? sprintf("ch%02d.html", $c) : "app$c.html";
    my $s = $page{$f};
    unless (defined $s) { problem("chapter $c has no page $f"); next }
    my (%figs, %tabs, %eqs);
    $figs{$1} = 1 while $s =~ /class="fignum">Figure ([^<]*?)\.</g;
    $tabs{$1} = 1 while $s =~ /class="tabnum">Table ([^<]*?)\.</g;
    $eqs{$1} = 1 while $s =~ /(?:class="eqno">|<mtext[^>]*>)\(((?:[0-9]+|[A-Z])\.[0-9]+)\)</g;
    for ([figures => \%figs, $pdf_figs{$c} // {}], [tables => \%tabs, $pdf_tabs{$c} // {}],
         [equations => \%eqs, $pdf_eqs{$c} // {}]) {
        my ($what, $web, $pdf) = @$_;
        my @only_web = sort grep { !$pdf->{$_} } keys %$web;
        my @only_pdf = sort grep { !$web->{$_} } keys %$pdf;
        problem(sprintf "%s: %d numbered %s, the PDF's chapter %s has %d%s%s", $f,
                scalar(keys %$web), $what, $c, scalar(keys %$pdf),
                @only_web ? "; only on the page: @only_web" : "",
                @only_pdf ? "; only in the PDF: @only_pdf" : "") if @only_web || @only_pdf;
        $compared += keys %$pdf;
    }
}

my $summary = join ", ", map { "$checked{$_} $_" } sort keys %checked;
if (@problems) {
    print "numbers.sh: $_\n" for @problems[0 .. ($#problems < 199 ? $#problems : 199)];
    print "numbers.sh: ... and ", @problems - 200, " more\n" if @problems > 200;
    print "numbers.sh: FAILED, ", scalar(@problems), " differences\n";
    exit 1;
}
print "numbers.sh: the web edition numbers as the PDF: ", scalar(keys %label),
      " labels ($summary), $refs links to them, ",
      "$compared numbered figures, tables and equations in ", scalar(keys %chapters), " chapters\n";
PERL
