# The mean length of the last 100 training episodes (of all so far in the
# first 99) of five actor-critic runs on the cart-pole, against the bar of
# 475, each run's last failure marked on its curve.
# Data: the five files of balance --lengths side by side (paste); columns
# episode, length, mean of the last 100 for seed 1, then the same three
# for each further seed.
f = data.'/balance-lengths.dat'
array last[5]
do for [s = 1:5] {
    stats f using (column(3 * s - 1) < 500 ? column(1) : 1/0) nooutput
    last[s] = STATS_max
}
set logscale x
set xrange [1:1000]
set yrange [0:520]
set xlabel 'training episode'
set ylabel 'mean of the last 100 (steps)'
set ytics 100
set grid lc rgb '#dddddd'
set key top left box opaque samplen 4 spacing 1.1
set style line 9 lw 1.5 lc rgb '#808080'
plot for [s = 1:5] f using 1:(column(3 * s)) with lines lw 2 \
         lc rgb (s % 2 ? 'black' : '#606060') dt s title sprintf('seed %d', s), \
     for [s = 1:5] f using 1:(column(1) == last[s] ? column(3 * s) : 1/0) \
         with points pt 7 ps 1.2 lc rgb 'black' notitle, \
     NaN with points pt 7 ps 1.2 lc rgb 'black' title 'last failure', \
     475 with lines ls 9 title 'the bar, 475'
