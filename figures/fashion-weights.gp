# The weights into the first 32 hidden nodes as 28x28 images, each
# scaled to [-1, 1] by its largest magnitude.  Data: fashion --pictures.
unset border
unset tics
unset key
set size ratio -1
set palette defined (-1 '#2a5aa8', 0 'white', 1 '#b03a2e')
set cbrange [-1:1]
set cbtics 1
set margins 0, 6, 0, 0
plot data.'/fashion-weights.dat' using 1:2:3 with image
