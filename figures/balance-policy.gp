# What the actor of seed 1 learned: pi(right | theta, theta_dot) with the
# cart at rest in the middle, in grey from 0 (white) to 1 (black); the
# line where it is 1/2 (solid) and the boundary of the hand rule
# theta + theta_dot / 2 = 0 of chapter 20 (dashed); the circles are the
# states of the filmed episode after training.
# Data: balance --policy; blocks of constant theta_dot; columns theta
# (degrees), theta_dot (rad/s), pi(right).  balance --episode, block 1:
# step, time, x, theta (rad), x_dot, theta_dot.
f = data.'/balance-policy-A.dat'
e = data.'/balance-episode-A.dat'
set contour base
set cntrparam levels discrete 0.5
unset surface
set view map
set table $half
splot f using 1:2:3 with lines
unset table
unset contour
set xrange [-12:12]
set yrange [-1:1]
set xtics 4
set ytics 0.5
set xlabel '$\theta$ (degrees)'
set ylabel '$\dot\theta$ (rad/s)'
set cblabel '$\pi(\mathrm{right} \mid \theta, \dot\theta)$'
set cbrange [0:1]
set cbtics 0.25
set palette defined (0 '#ffffff', 1 '#262626')
set key at graph 0.02, graph 0.03 left bottom Left reverse box opaque samplen 3 spacing 1.2
set style line 1 lw 4 lc rgb '#b03a2e'
set style line 2 lw 4 lc rgb 'white'
set style line 3 lw 2.5 lc rgb 'black' dt (5, 4)
plot f using 1:2:3 with image notitle, \
     e index 1 using ($4 * 180 / pi):6 with points pt 7 ps 0.2 lc rgb 'white' \
         notitle, \
     e index 1 using ($4 * 180 / pi):6 with points pt 6 ps 0.2 lc rgb 'black' \
         title 'states after training', \
     $half using 1:2 with lines ls 2 notitle, \
     $half using 1:2 with lines lw 2 lc rgb 'black' \
         title 'actor: $\pi = \frac12$', \
     -2 * x * pi / 180 with lines ls 3 title 'rule: $\theta + \frac12\dot\theta = 0$'
