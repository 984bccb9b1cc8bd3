# The length of every training episode of five actor-critic runs on the
# cart-pole, and their mean.
# Data: the five files of balance --lengths side by side (paste); columns
# episode, length for seed 1, then episode, length for each further seed.
set logscale x
set xrange [1:1000]
set yrange [0:520]
set xlabel 'training episode'
set ylabel 'episode length (steps)'
set ytics 100
set grid lc rgb '#dddddd'
set key left center reverse Left samplen 3 spacing 1.2
set style line 1 lw 1 lc rgb '#9fb8d6'
set style line 2 lw 4 lc rgb '#1f4e79'
set style line 3 lw 2 lc rgb '#b03a2e' dt (6, 4)
f = data.'/balance-lengths.dat'
plot for [s = 1:5] f using 1:(column(2 * s)) with lines ls 1 \
         title (s == 1 ? 'each seed' : ''), \
     f using 1:(($2 + $4 + $6 + $8 + $10) / 5) with lines ls 2 \
         title 'mean of the five', \
     475 with lines ls 3 title 'the bar, 475'
