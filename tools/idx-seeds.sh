#!/usr/bin/env bash
# Write the seed corpus of `make fuzz` into DIR: small IDX files, valid
# and broken, plain and gzip-compressed.  Usage: tools/idx-seeds.sh DIR
set -euo pipefail
dir=$1
rm -rf "$dir" && mkdir -p "$dir"
seed() {  # seed NAME PRINTF-FORMAT: the file NAME and NAME.gz
    printf "$2" > "$dir/$1"
    gzip -n -c "$dir/$1" > "$dir/$1.gz"
}
images='\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x02'
pixels='\x00\x10\x20\x30\x40\x50\x60\xff'
seed images "$images$pixels"
seed labels '\x00\x00\x08\x01\x00\x00\x00\x02\x03\x09'
seed four-dims '\x00\x00\x08\x04\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x01\x07\x08'
seed wrong-magic '\x01\x00\x08\x03\x00\x00\x00\x01'
seed floats '\x00\x00\x0d\x01\x00\x00\x00\x01\x3f\x80\x00\x00'
seed short-header '\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00'
seed short-data "$images"'\x00\x10\x20'
seed long-data "$images$pixels"'\x00'
seed zero-items '\x00\x00\x08\x01\x00\x00\x00\x00'
seed huge-claim '\x00\x00\x08\x03\x80\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x1c\x00\x00\x00\x00'
seed overflow '\x00\x00\x08\x04\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00\x00\x02'
# For the image-set part of the target: the first byte cuts the rest in
# two, here into an image file of 24 bytes and a label file of 10 or 11,
# or the two the other way round, or an image file twice.
labels='\x00\x00\x08\x01\x00\x00\x00\x02\x03\x09'
printf '\xb5'"$images$pixels$labels" > "$dir/pair"
printf '\xb5'"$images$pixels"'\x00\x00\x08\x01\x00\x00\x00\x02\x03\x0a' > "$dir/pair-bad-label"
printf '\xb0'"$images$pixels"'\x00\x00\x08\x01\x00\x00\x00\x03\x03\x09\x01' > "$dir/pair-counts"
printf '\x4c'"$labels$images$pixels" > "$dir/pair-swapped"
printf '\x80'"$images$pixels$images$pixels" > "$dir/pair-images-twice"
