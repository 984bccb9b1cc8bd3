# Eight moments of a cart-pole episode before training (data block 0) and
# after (block 1), drawn to scale: the middle 2.4 m of the track with a mark
# at its centre, a cart of 0.5 m by 0.3 m, a pole of 1 m.
# Data: balance --film; columns frame, time (s), x (m), theta (rad).
f = data.'/balance-film-A.dat'
ox(q) = (int(q) % 4) * 3.0           # where frame q is drawn
oy(q) = -(int(q) / 4) * 1.9
unset border
unset tics
unset key
set size ratio -1
set xrange [-1.35:10.35]
set yrange [-2.4:1.35]
set style fill solid 1.0 noborder
set multiplot layout 2, 1
do for [b = 0:1] {
    set title (b == 0 ? 'before training' : 'after training') offset 0, -0.8
    plot f index b using (ox($1)):(oy($1)):(1.2):(0.008) \
             with boxxyerror lc rgb '#9a9a9a', \
         f index b using (ox($1)):(oy($1) - 0.06):(0.01):(0.06) \
             with boxxyerror lc rgb '#9a9a9a', \
         f index b using (ox($1) + $3):(oy($1) + 0.16):(0.25):(0.15) \
             with boxxyerror lc rgb '#1f4e79', \
         f index b using (ox($1) + $3):(oy($1) + 0.31):(sin($4)):(cos($4)) \
             with vectors nohead lw 5 lc rgb '#d9822b', \
         f index b using (ox($1)):(oy($1) - 0.3):(sprintf('$t = %.2f$~s', $2)) \
             with labels
}
unset multiplot
