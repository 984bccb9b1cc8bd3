#!/usr/bin/perl
# Code copied from the PDF compiles: the text of chunks, as pdftotext reads
# it from the book, must be the C that tangled/ holds, with only
# whitespace changed.  A typewriter ligature (<< printed as a guillemet,
# -- as an en dash) or a typographic quote in code fails it.
#
# For each chunk of the list below, the script finds its header in
# `pdftotext -layout BOOK.pdf` (the NAME-th definition of that name, in
# the order of the book), takes the code lines up to the chunk's footer,
# and looks for them, contiguous, in one file of TANGLED-DIR: each line
# must equal a tangled line once all whitespace is removed, and a line
# that only uses another chunk (<name 12a>) stands for the run of lines
# that chunk expands to.  Blank lines are skipped on both sides.
#
# Usage: perl tests/pdf-code.pl BOOK.pdf TANGLED-DIR
#
# The list: "NAME#K" is the K-th definition of the chunk NAME (K = 1 for
# a name defined once).  Together the chunks contain << >> -- -> 'c'
# "string" ... | ~ ^ && % and #include <...>.  A chunk that is not found
# is an error, not a pass: when a chapter renames a chunk, or adds or
# removes a definition of a name before the one listed, update its entry
# here (`grep -n '^<<NAME>>=' chapters/*.nw` counts the definitions) with
# another chunk that has the same operators, and rerun.
use strict;
use warnings;
use utf8;

my @chunks = (
    'lib/rng.c#1',                                   # #include <...> "..." >> << ^ | & ->
    'model.c helpers#1',                         # << >> |=
    'model.c helpers#4',                         # '  in a string, "..." %s !=
    'idx.c functions#1',                         # << |
    'harness.c functions#2',                      # '\\' ',' '\0' % >= && ++
    'matrix-form.c functions#5',                 # -- ^ ->
    'backprop.c functions#2',                    # -- -> >=
    'batch.c functions#2',                       # -- | ->
    'keep the two ends of a message too long for e->msg#1',  # "..." ->
    'create a fresh temporary beside path and open it#1',    # ~ ? : '/' ->
    'take bytes from the file or the buffer#1',  # && % ->
);

binmode STDOUT, ':utf8';
binmode STDERR, ':utf8';
my ($pdf, $tangled) = @ARGV;
die "usage: perl tests/pdf-code.pl BOOK.pdf TANGLED-DIR\n" unless defined $tangled;
-r $pdf or die "$pdf: cannot read the book\n";

open my $p, '-|:encoding(UTF-8)', 'pdftotext', '-layout', $pdf, '-'
    or die "pdftotext: $!\n";
my @text = <$p>;
close $p or die "pdftotext $pdf failed\n";
chomp @text;

# The tangled files, each as a list of lines without whitespace, blank
# lines dropped.
my %files;
for my $f (glob "$tangled/*.c $tangled/*.h $tangled/*/*.c $tangled/*/*.h") {
    open my $fh, '<:encoding(UTF-8)', $f or die "$f: $!\n";
    $files{$f} = [grep { $_ ne '' } map { (my $l = $_) =~ s/\s+//g; $l } <$fh>];
}
die "$tangled: no C files\n" unless %files;

my $footer = qr/^\s*(This code is used in|This definition is continued|Root chunk|Defines:|Uses |This code is written to)/;
my $failed = 0;
my %ops;
for my $entry (@chunks) {
    my ($name, $k) = $entry =~ /^(.*)#(\d+)$/ or die "bad entry $entry\n";
    # the K-th header "<name 12a>=" or "<name 12a>+="
    my ($start, $seen) = (undef, 0);
    for my $i (0 .. $#text) {
        if ($text[$i] =~ /⟨\Q$name\E [0-9]+[a-z]?⟩\+?≡\s*$/) {
            if (++$seen == $k) { $start = $i; last }
        }
    }
    unless (defined $start) {
        print "FAIL chunk '$entry' not found in $pdf ($seen definitions of the name; update the list in $0)\n";
        $failed++;
        next;
    }
    my @code;
    for (my $i = $start + 1; ; $i++) {
        if ($i > $#text) { print "FAIL chunk '$entry' has no footer\n"; $failed++; last }
        my $l = $text[$i];
        if ($l =~ s/^\f//) { next }            # a new page: skip its running head
        last if $l =~ $footer || $l =~ /⟩\+?≡\s*$/;
        push @code, $l;
    }
    my @want = grep { $_ ne '' } map { (my $l = $_) =~ s/\s+//g; $l } @code;
    unless (@want) { print "FAIL chunk '$entry' has no code lines\n"; $failed++; next }
    my $found;
    for my $f (sort keys %files) {
        my $lines = $files{$f};
        for my $s (0 .. $#$lines) {
            if (matches(\@want, 0, $lines, $s)) { $found = $f; last }
        }
        last if $found;
    }
    if ($found) {
        my $all = join "\n", @code;
        for my $op ('<<', '>>', '--', '->', '...', '|', '~', '^', '&&', '%', '#include <') {
            $ops{$op} = 1 if index($all, $op) >= 0;
        }
        $ops{"'c'"} = 1 if $all =~ /'\\?[^']'/;
        $ops{'"string"'} = 1 if $all =~ /"[^"]+"/;
        print "pass chunk '$entry' (", scalar @want, " lines) is in $found\n";
    } else {
        $failed++;
        print "FAIL chunk '$entry': its text in the PDF is not in $tangled/:\n";
        print "  | $_\n" for @code;
    }
}
# The list must keep covering every operator it promises.
for my $op ('<<', '>>', '--', '->', "'c'", '"string"', '...', '|', '~', '^', '&&', '%', '#include <') {
    next if $ops{$op};
    print "FAIL no chunk of the list that matched contains $op\n";
    $failed++;
}
exit($failed ? 1 : 0);

# Do the PDF lines want[i..] match the tangled lines have[j..]?  A line
# that only uses another chunk matches one or more tangled lines.
sub matches {
    my ($want, $i, $have, $j) = @_;
    return 1 if $i > $#$want;
    return 0 if $j > $#$have;
    if ($want->[$i] =~ /^⟨[^⟩]*⟩$/) {
        for my $n ($j + 1 .. $#$have + 1) {
            return 1 if matches($want, $i + 1, $have, $n);
        }
        return 0;
    }
    return $want->[$i] eq $have->[$j] && matches($want, $i + 1, $have, $j + 1);
}
