#!/usr/bin/env bash
# Write the seed corpus of the model target of `make fuzz` into DIR: small
# model files, valid and broken.  The CRC-32 of a model file is the one
# gzip stores, least significant byte first, in the first four bytes of
# its trailer, so gzip computes it here.  Usage: tools/model-seeds.sh DIR
set -euo pipefail
dir=$1
rm -rf "$dir" && mkdir -p "$dir"
seed() {  # seed NAME PRINTF-FORMAT: the bytes and their CRC-32
    printf "$2" > "$dir/$1"
    gzip -n -c "$dir/$1" | tail -c 8 | head -c 4 >> "$dir/$1"
}
magic='BPNNMDL\x00\x01\x00\x00\x00'
half='\x00\x00\x00\x00\x00\x00\xe0\x3f'      # 0.5
# 2 layers of one node, sigmoid: bias 0.5, weight -2 (the book's example)
seed known "$magic"'\x02\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00'"$half"'\x00\x00\x00\x00\x00\x00\x00\xc0'
# 2, 3, 1 with identity, tanh, sigmoid: 13 weights of 0.5
w13=$(for q in $(seq 13); do printf '%s' "$half"; done)
seed small "$magic"'\x03\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x01\x00\x00\x00'"$w13"
seed nan-weight "$magic"'\x02\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00'"$half"'\x00\x00\x00\x00\x00\x00\xf8\x7f'
seed huge-widths "$magic"'\x03\x00\x00\x00\x40\x42\x0f\x00\x40\x42\x0f\x00\x40\x42\x0f\x00\x00\x00\x00\x00\x00\x00\x00\x00'
seed version-2 'BPNNMDL\x00\x02\x00\x00\x00\x02\x00\x00\x00'
printf "$magic" > "$dir/header-only"
printf 'BPNN' > "$dir/cut-magic"
