# Every ReLU network of the dead-node count of chapter 12: its dead
# hidden nodes after training (shifted a little per rate, so the rates
# sit side by side, and per seed) and its test accuracy.  Data: classifier --networks;
# columns rate, seed, then for ReLU and LeakyReLU: dead nodes after
# training, test accuracy in percent.  The dashed line is the accuracy
# below which a network counts as failed.
f = data.'/classifier-networks.dat'
set xrange [-0.5:4.5]
set yrange [30:100]
set xtics 1
set ytics 10
set xlabel 'dead hidden nodes after training (of four)'
set ylabel 'test accuracy (\%)'
set grid ytics lc rgb '#dddddd'
set key outside right top Left reverse samplen 1 spacing 1.3
set arrow 1 from -0.5, 75 to 4.5, 75 nohead lw 2 lc rgb '#555555' dt (6, 4) back
# Within its rate's slot, each network moves by its seed, so that networks
# of one accuracy do not hide each other.
x(r, d, seed) = d + (r < 0.05 ? -0.27 : r < 0.5 ? -0.09 : r < 2 ? 0.09 : 0.27) \
                + (int(seed) % 20 - 9.5) * 0.008
s(r, want) = abs(r - want) < 1e-9 ? 1 : 1/0
plot f using (x($1, $3, $2)):($4 * s($1, 0.01)) with points pt 6 ps 0.8 lc rgb '#2e8b57' title '$\eta = 0.01$', \
     f using (x($1, $3, $2)):($4 * s($1, 0.1)) with points pt 4 ps 0.8 lc rgb '#4a78b0' title '$\eta = 0.1$', \
     f using (x($1, $3, $2)):($4 * s($1, 1)) with points pt 8 ps 0.8 lc rgb '#8a5a00' title '$\eta = 1$', \
     f using (x($1, $3, $2)):($4 * s($1, 3)) with points pt 2 ps 0.8 lc rgb '#b03a2e' title '$\eta = 3$'
